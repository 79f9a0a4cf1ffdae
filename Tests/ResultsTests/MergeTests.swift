import XCTest
@testable import Results

final class MergeTests: XCTestCase {
    private var directory: String!
    private var target: SQLiteResultsStore!

    override func setUpWithError() throws {
        directory = try makeTemporaryDirectory(for: self)
        target = try SQLiteResultsStore(path: directory + "/merged.sqlite")
    }

    /// A shard that registered the whole experiment (h1…h3) and trained `done`.
    private func shard(_ name: String, done: [String: [Double]], failed: [String] = []) throws -> String {
        let path = directory + "/\(name).sqlite"
        let store = try SQLiteResultsStore(path: path)
        _ = try store.register(makeExperiment("sweep"), runs: [makeRun("h1"), makeRun("h2", seed: 2), makeRun("h3", seed: 3)])
        for (hash, accuracies) in done { try complete(hash, in: store, accuracies: accuracies) }
        for hash in failed { try complete(hash, in: store, accuracies: [0.5], status: .failed) }
        return path
    }

    private func rows(_ sql: String) throws -> [[String?]] { try target.query(sql).rows }

    func testMergingShardsAssemblesTheExperimentInItsOrder() throws {
        let first = try shard("a", done: ["h1": [0.9, 0.91], "h3": [0.8, 0.85]])
        let second = try shard("b", done: ["h2": [0.7, 0.75]])

        let reportA = try target.merge(shard: first, includeUnfinished: false)
        XCTAssertEqual(reportA.merged, ["h1", "h3"])
        XCTAssertEqual(reportA.unfinished, ["h2"])
        let reportB = try target.merge(shard: second, includeUnfinished: false)
        XCTAssertEqual(reportB.merged, ["h2"])
        XCTAssertEqual(reportB.unfinished, ["h1", "h3"])

        XCTAssertEqual(try rows("""
            SELECT config_hash, status, position, best_accuracy FROM run_summary WHERE experiment = 'sweep' ORDER BY position
            """), [["h1", "done", "0", "0.91"], ["h2", "done", "1", "0.75"], ["h3", "done", "2", "0.85"]])
        XCTAssertEqual(try rows("SELECT count(*) FROM epochs"), [["6"]])
        XCTAssertEqual(try rows("SELECT host, owner_pid, runner_version, kernels, hash_version FROM runs WHERE config_hash = 'h2'"),
                       [["test-host", "4242", "0.1.0", "avx2", "2"]])
    }

    func testMergingTwiceChangesNothing() throws {
        let path = try shard("a", done: ["h1": [0.9], "h2": [0.8]])
        _ = try target.merge(shard: path, includeUnfinished: false)
        let before = try rows("SELECT * FROM runs ORDER BY id") + rows("SELECT * FROM epochs ORDER BY run_id, epoch")

        let again = try target.merge(shard: path, includeUnfinished: false)
        XCTAssertEqual(again.merged, [])
        XCTAssertEqual(again.alreadyPresent, ["h1", "h2"])
        XCTAssertEqual(again.conflicts, [])
        XCTAssertEqual(try rows("SELECT * FROM runs ORDER BY id") + rows("SELECT * FROM epochs ORDER BY run_id, epoch"), before)
    }

    func testDifferentNumbersForTheSameRunAreAConflictAndNeverOverwritten() throws {
        _ = try target.merge(shard: try shard("a", done: ["h1": [0.9, 0.91]]), includeUnfinished: false)
        let report = try target.merge(shard: try shard("b", done: ["h1": [0.9, 0.92]]), includeUnfinished: false)
        XCTAssertEqual(report.merged, [])
        XCTAssertEqual(report.conflicts, [
            MergeConflict(configHash: "h1", difference: "epoch 2 test_accuracy: 0.91 here, 0.92 in the shard"),
        ])
        XCTAssertEqual(try rows("SELECT test_accuracy FROM epochs ORDER BY epoch"), [["0.9"], ["0.91"]])
    }

    func testADifferentEpochCountIsAConflict() throws {
        _ = try target.merge(shard: try shard("a", done: ["h1": [0.9]]), includeUnfinished: false)
        let report = try target.merge(shard: try shard("b", done: ["h1": [0.9, 0.95]]), includeUnfinished: false)
        XCTAssertEqual(report.conflicts.map(\.difference), ["1 epochs here, 2 in the shard"])
    }

    func testAFinishedRunReplacesAnUnfinishedOneInPlace() throws {
        _ = try target.register(makeExperiment("other"), runs: [makeRun("h2", seed: 2)])
        let before = try rows("SELECT id FROM runs WHERE config_hash = 'h2'")
        let report = try target.merge(shard: try shard("a", done: ["h2": [0.7]]), includeUnfinished: false)
        XCTAssertEqual(report.merged, ["h2"])
        XCTAssertEqual(try rows("SELECT id, status FROM runs WHERE config_hash = 'h2'"), [[before[0][0], "done"]])
        XCTAssertEqual(try rows("SELECT experiment FROM run_summary WHERE config_hash = 'h2' ORDER BY experiment"),
                       [["other"], ["sweep"]])
    }

    func testUnfinishedRunsMergeOnlyWithAll() throws {
        let path = try shard("a", done: ["h1": [0.9]], failed: ["h2"])
        let report = try target.merge(shard: path, includeUnfinished: true)
        XCTAssertEqual(report.merged, ["h1", "h2", "h3"])
        XCTAssertEqual(try rows("SELECT config_hash, status FROM runs ORDER BY config_hash"),
                       [["h1", "done"], ["h2", "failed"], ["h3", "pending"]])
        // A done copy later replaces the failed one.
        let later = try target.merge(shard: try shard("b", done: ["h2": [0.8]]), includeUnfinished: false)
        XCTAssertEqual(later.merged, ["h2"])
        XCTAssertEqual(try rows("SELECT status, best_accuracy FROM runs WHERE config_hash = 'h2'"), [["done", "0.8"]])
    }

    func testAFileThatIsNotAResultsDatabaseIsRefused() throws {
        let path = directory + "/notes.sqlite"
        try Data("not a database".utf8).write(to: URL(fileURLWithPath: path))
        XCTAssertThrowsError(try target.merge(shard: path, includeUnfinished: false)) { error in
            XCTAssertEqual((error as? ResultsError)?.kind, .input, "\(error)")
            XCTAssertTrue("\(error)".hasPrefix(path + ": "), "\(error)")
        }
    }
}
