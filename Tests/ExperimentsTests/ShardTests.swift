import Experiments
import XCTest

final class ShardTests: XCTestCase {
    /// Hex-like identities in a scrambled order, as config hashes come.
    let identities = (0 ..< 23).map { String(($0 * 7919 + 13) % 1000, radix: 16) + "-run" }

    func testShardsAreDisjointAndCoverEveryRunOnce() throws {
        for count in 1 ... 8 {
            var seen: [String] = []
            for index in 0 ..< count {
                seen += try Shard(index: index, count: count).select(identities) { $0 }
            }
            XCTAssertEqual(seen.sorted(), identities.sorted(), "\(count) shards")
        }
    }

    func testShardSizesDifferByAtMostOne() throws {
        for count in 1 ... 8 {
            let sizes = try (0 ..< count).map { try Shard(index: $0, count: count).select(identities) { $0 }.count }
            XCTAssertLessThanOrEqual(sizes.max()! - sizes.min()!, 1, "\(count) shards: \(sizes)")
        }
    }

    func testThePartitionDoesNotDependOnOrder() throws {
        var generator = SplitMix(seed: 3)
        for _ in 0 ..< 20 {
            let shuffled = identities.shuffled(using: &generator)
            for index in 0 ..< 4 {
                let shard = try Shard(index: index, count: 4)
                XCTAssertEqual(
                    Set(shard.select(shuffled) { $0 }), Set(shard.select(identities) { $0 }), "shard \(shard)")
            }
        }
    }

    func testSelectionKeepsTheGivenOrder() throws {
        let mine = try Shard(index: 1, count: 3).select(identities) { $0 }
        let positions = mine.map { identities.firstIndex(of: $0)! }
        XCTAssertEqual(positions, positions.sorted())
    }

    func testTheRoundRobinIsOverSortedIdentities() throws {
        let runs = ["d", "a", "c", "b", "e"]
        XCTAssertEqual(try Shard(index: 0, count: 2).select(runs) { $0 }, ["a", "c", "e"])
        XCTAssertEqual(try Shard(index: 1, count: 2).select(runs) { $0 }, ["d", "b"])
    }

    func testParsing() throws {
        XCTAssertEqual(try Shard(parsing: "2/5"), try Shard(index: 2, count: 5))
        XCTAssertThrowsError(try Shard(parsing: "5/5")) { error in
            XCTAssertEqual("\(error)", "shard 5 is not one of 0…4 (shards are numbered from 0)")
        }
        XCTAssertThrowsError(try Shard(parsing: "1/0")) { error in
            XCTAssertEqual("\(error)", "the shard count must be at least 1, got 0")
        }
        XCTAssertThrowsError(try Shard(parsing: "one/two")) { error in
            XCTAssertEqual("\(error)", "a shard is written I/N, e.g. 0/4, got 'one/two'")
        }
    }
}

/// A seeded generator for the tests' shuffles.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
