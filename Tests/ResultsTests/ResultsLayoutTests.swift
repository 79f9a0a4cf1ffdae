import Foundation
import XCTest
import Results

final class ResultsLayoutTests: XCTestCase {
    func testDefaultPathsAreUnderResults() {
        let layout = ResultsLayout()

        XCTAssertEqual(layout.root, "results")
        XCTAssertEqual(layout.database, "results/results.sqlite")
        XCTAssertEqual(layout.exportDirectory, "results")
        XCTAssertEqual(layout.shardDirectory, "results/shards")
        XCTAssertEqual(layout.shardDatabase(experiment: "eta", index: 2, of: 5), "results/shards/eta-2-of-5.sqlite")
        XCTAssertEqual(layout.slurmDirectory(experiment: "eta"), "results/slurm/eta")
    }

    func testEveryPathFollowsTheRoot() {
        let layout = ResultsLayout(root: "/scratch/project/out")

        XCTAssertEqual(layout.database, "/scratch/project/out/results.sqlite")
        XCTAssertEqual(layout.exportDirectory, "/scratch/project/out")
        XCTAssertEqual(layout.shardDirectory, "/scratch/project/out/shards")
        XCTAssertEqual(layout.shardDatabase(experiment: "eta", index: 0, of: 1), "/scratch/project/out/shards/eta-0-of-1.sqlite")
        XCTAssertEqual(layout.slurmDirectory(experiment: "eta"), "/scratch/project/out/slurm/eta")
    }

    /// Numerically by count then index, so 12 shards come after 3 and shard 10
    /// after shard 2, and
    /// only the names `shardDatabase` gives this experiment.
    func testExistingShardDatabasesAreTheExperimentsOwnInCountThenIndexOrder() throws {
        let layout = ResultsLayout(root: try makeTemporaryDirectory(for: self))
        try FileManager.default.createDirectory(atPath: layout.shardDirectory, withIntermediateDirectories: true)
        let names = [
            "eta-1-of-2.sqlite", "eta-10-of-12.sqlite", "eta-0-of-3.sqlite", "eta-0-of-2.sqlite", "eta-2-of-12.sqlite",
            // Another experiment whose name starts with this one's.
            "eta-fine-0-of-2.sqlite",
            // SQLite's side files, and names runner never writes.
            "eta-0-of-2.sqlite-wal", "eta-0-of-2.sqlite-shm", "eta-01-of-2.sqlite", "eta-0-2.sqlite", "eta-a-of-2.sqlite",
            "eta.sqlite", "eta-0-of-2.db",
        ]
        for name in names {
            XCTAssertTrue(FileManager.default.createFile(atPath: layout.shardDirectory + "/" + name, contents: Data()))
        }

        XCTAssertEqual(layout.existingShardDatabases(experiment: "eta"), [
            layout.shardDatabase(experiment: "eta", index: 0, of: 2), layout.shardDatabase(experiment: "eta", index: 1, of: 2),
            layout.shardDatabase(experiment: "eta", index: 0, of: 3),
            layout.shardDatabase(experiment: "eta", index: 2, of: 12), layout.shardDatabase(experiment: "eta", index: 10, of: 12),
        ])
        XCTAssertEqual(layout.existingShardDatabases(experiment: "eta-fine"), [layout.shardDatabase(experiment: "eta-fine", index: 0, of: 2)])
        XCTAssertEqual(layout.existingShardDatabases(experiment: "batch"), [])
    }

    func testNoShardDirectoryMeansNoShards() throws {
        let layout = ResultsLayout(root: try makeTemporaryDirectory(for: self) + "/results")

        XCTAssertEqual(layout.existingShardDatabases(experiment: "eta"), [])
    }
}
