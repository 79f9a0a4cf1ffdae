/// One of N disjoint parts of an experiment's runs, for splitting a sweep
/// across machines with no coordination (Slurm job arrays, GNU parallel, a
/// shell loop over hosts).
///
/// The partition depends only on the runs' identities (their config
/// hashes): sorted, they are dealt round-robin, so the N shards are disjoint,
/// cover every run exactly once, differ in size by at most one, and do not
/// change when the YAML is reordered or other experiments share the
/// database. Growing the grid can move runs between shards; a run done in
/// one shard's database and trained again in another's merges as the same
/// run, since its numbers are the same.
///
/// ```swift
/// let shard = try Shard(parsing: "0/4")
/// let mine = shard.select(runs) { $0.configHash }
/// ```
public struct Shard: Hashable, Sendable, CustomStringConvertible {
    /// 0-based.
    public let index: Int
    public let count: Int

    public init(index: Int, count: Int) throws {
        guard count >= 1 else { throw ShardError("the shard count must be at least 1, got \(count)") }
        guard (0 ..< count).contains(index) else {
            throw ShardError("shard \(index) is not one of 0…\(count - 1) (shards are numbered from 0)")
        }
        self.index = index
        self.count = count
    }

    /// `I/N`, as written after `--shard`.
    public init(parsing text: String) throws {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]) else {
            throw ShardError("a shard is written I/N, e.g. 0/4, got '\(text)'")
        }
        try self.init(index: index, count: count)
    }

    public var description: String { "\(index)/\(count)" }

    /// The items of this shard, in their given order.
    public func select<Item>(_ items: [Item], identity: (Item) -> String) -> [Item] {
        let ranked = items.indices.sorted { identity(items[$0]) < identity(items[$1]) }
        var mine = Set<Int>()
        for (rank, position) in ranked.enumerated() where rank % count == index {
            mine.insert(position)
        }
        return items.indices.filter(mine.contains).map { items[$0] }
    }
}

public struct ShardError: Error, CustomStringConvertible, Equatable, Sendable {
    public let description: String
    init(_ description: String) { self.description = description }
}
