import Foundation

/// Every path runner reads and writes by default under `results/`, relative
/// to the working directory: the commands, the sweeps of a job array and
/// their merge job must all agree on them, so they are named here only.
///
/// ```text
/// results/results.sqlite                    database
/// results/NAME-runs.csv, …                  exportDirectory
/// results/shards/NAME-I-of-N.sqlite         shardDatabase(experiment:index:of:)
/// results/slurm/NAME/                       slurmDirectory(experiment:)
/// ```
public struct ResultsLayout: Sendable, Equatable {
    /// The directory everything else is in: `results`.
    public let root: String

    public init(root: String = "results") {
        self.root = root
    }

    /// The database a command reads and writes without `--db`.
    public var database: String { root + "/results.sqlite" }

    /// Where the CSV exports go without `--out`.
    public var exportDirectory: String { root }

    /// The shard databases of every experiment: SQLite files must not be
    /// shared across machines over a network file system, so each shard of
    /// a job array writes its own.
    public var shardDirectory: String { root + "/shards" }

    /// The database of shard INDEX of COUNT of an experiment's runs.
    public func shardDatabase(experiment: String, index: Int, of count: Int) -> String {
        "\(shardDirectory)/\(experiment)-\(index)-of-\(count).sqlite"
    }

    /// Every shard database of the experiment, whatever the shard count,
    /// sorted by count then index. Matched exactly, so the shards of an
    /// experiment named `eta-fine` are not taken for those of `eta`.
    public func existingShardDatabases(experiment: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: shardDirectory)) ?? []
        let shards = names.compactMap { name -> (index: Int, count: Int, name: String)? in
            guard name.hasPrefix(experiment + "-"), name.hasSuffix(".sqlite") else { return nil }
            let middle = name.dropFirst(experiment.count + 1).dropLast(".sqlite".count)
            let parts = middle.split(separator: "-", omittingEmptySubsequences: false)
            guard parts.count == 3, parts[1] == "of", let index = Int(parts[0]), let count = Int(parts[2]),
                  String(index) == parts[0], String(count) == parts[2] else { return nil }
            return (index, count, name)
        }
        return shards.sorted { ($0.count, $0.index) < ($1.count, $1.index) }
            .map { "\(shardDirectory)/\($0.name)" }
    }

    /// Where an experiment's Slurm submissions are kept: the batch scripts,
    /// the job ids and the jobs' logs.
    public func slurmDirectory(experiment: String) -> String {
        "\(root)/slurm/\(experiment)"
    }
}
