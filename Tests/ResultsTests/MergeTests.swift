import Foundation
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

    /// An interrupted run merged with `--all` brings its checkpoint, so the
    /// merged database continues it; a done copy merged later drops it.
    func testAnUnfinishedRunKeepsItsCheckpointThroughAMerge() throws {
        let path = directory + "/interrupted.sqlite"
        let store = try SQLiteResultsStore(path: path)
        _ = try store.register(makeExperiment("sweep"), runs: [makeRun("h1"), makeRun("h2", seed: 2), makeRun("h3", seed: 3)])
        let runID = try XCTUnwrap(try store.claim(configHash: "h2", owner: testOwner, retryFailed: false))
        try store.recordEpoch(
            runID: runID, EpochRecord(epoch: 1, trainCost: 1, testCost: 1, testAccuracy: 0.5, seconds: 1),
            checkpoint: Data([1, 2, 3]))
        try store.release(owner: testOwner)
        try store.close()

        _ = try target.merge(shard: path, includeUnfinished: true)
        XCTAssertEqual(try rows("SELECT r.config_hash, c.epoch, hex(c.state) FROM checkpoints c JOIN runs r ON r.id = c.run_id"),
                       [["h2", "1", "010203"]])
        _ = try target.merge(shard: try shard("b", done: ["h2": [0.8]]), includeUnfinished: false)
        XCTAssertEqual(try rows("SELECT count(*) FROM checkpoints"), [["0"]])
    }

    /// A shard an older runner trained (schema v1, hash version 1) merges
    /// from an upgraded copy, leaving the shard as it was. Its runs are the
    /// same configurations as the target's but other runs: both stay, linked
    /// to the experiment, and the summaries keep the two versions apart.
    func testAShardOfAnOlderRunnerMergesBesideTheNewerRuns() throws {
        let newer = [("new1", UInt64(1), [0.5, 0.6]), ("new2", UInt64(2), [0.7, 0.75])]
        _ = try target.register(makeExperiment("sweep"), runs: newer.map { hash, seed, _ in
            var run = makeRun(hash, seed: seed)
            run.epochs = 2
            run.initialization = "normal"
            return run
        })
        for (hash, _, accuracies) in newer { try complete(hash, in: target, accuracies: accuracies) }
        let shard = directory + "/old.sqlite"
        try makeVersion1Database(at: shard)
        let before = try Data(contentsOf: URL(fileURLWithPath: shard))

        let report = try target.merge(shard: shard, includeUnfinished: false)

        XCTAssertEqual(report.merged, ["old1", "old2"])
        XCTAssertEqual(report.unfinished, ["broken"])
        XCTAssertEqual(report.conflicts, [])
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: shard)), before)
        XCTAssertEqual(try rows("""
            SELECT run_id, config_hash, seed, position, best_accuracy, hash_version FROM run_summary
            WHERE experiment = 'sweep' ORDER BY position, run_id
            """), [
            ["1", "new1", "1", "0", "0.6", "2"], ["3", "old1", "1", "0", "0.91", "1"],
            ["2", "new2", "2", "1", "0.75", "2"], ["4", "old2", "2", "1", "0.8", "1"],
        ])
        XCTAssertEqual(try rows("SELECT config_hash, kernels, host FROM runs ORDER BY id"), [
            ["new1", "avx2", "test-host"], ["new2", "avx2", "test-host"], ["old1", nil, "old-host"], ["old2", nil, "old-host"],
        ])
        XCTAssertEqual(try rows("""
            SELECT layers, eta, epochs, init, n_seeds, min_best_accuracy, max_best_accuracy, first_position, hash_version
            FROM config_summary WHERE experiment = 'sweep' ORDER BY hash_version
            """), [
            ["784-30-10", "3.0", "2", "normal", "2", "0.8", "0.91", "0", "1"],
            ["784-30-10", "3.0", "2", "normal", "2", "0.6", "0.75", "0", "2"],
        ])
    }

    /// A run chosen on its validation set and stopped early: the options,
    /// the stop reason, the selection and every epoch's η and validation
    /// numbers come over as the shard has them.
    func testMergingCopiesTheOptionsAndTheValidationColumns() throws {
        let path = directory + "/validated.sqlite"
        let shard = try SQLiteResultsStore(path: path)
        _ = try shard.register(makeExperiment("sweep"), runs: [makeRun("v1", validationLimit: 10_000, l2: 5, patience: 1)])
        try complete("v1", in: shard, accuracies: [0.5, 0.75], validationAccuracies: [0.625, 0.5], stopReason: "patience ran out")
        let columns = """
            config_hash, cost, l2, momentum, patience, eta_halving, validation_size, stop_reason,
            best_validation_accuracy, best_validation_epoch, test_accuracy_at_best_validation
            """
        let epochColumns = "epoch, train_cost, test_cost, test_accuracy, eta, validation_cost, validation_accuracy"
        let runs = try shard.query("SELECT \(columns) FROM runs").rows
        let epochs = try shard.query("SELECT \(epochColumns) FROM epochs ORDER BY epoch").rows
        XCTAssertEqual(runs, [["v1", "quadratic", "5.0", "0.0", "1", nil, "10000", "patience ran out", "0.625", "1", "0.5"]])
        try shard.close()

        XCTAssertEqual(try target.merge(shard: path, includeUnfinished: false).merged, ["v1"])

        XCTAssertEqual(try rows("SELECT \(columns) FROM runs"), runs)
        XCTAssertEqual(try rows("SELECT \(epochColumns) FROM epochs ORDER BY epoch"), epochs)
        XCTAssertEqual(epochs.map { $0[4 ... 6] }, [["3.0", "0.125", "0.625"], ["3.0", "0.0625", "0.5"]])
    }

    /// Validation numbers that differ are a conflict; a copy stored before
    /// they were recorded (NULL) differs in none.
    func testValidationNumbersConflictOnlyWhenBothCopiesHaveThem() throws {
        func shard(_ name: String, validation: [Double]?) throws -> String {
            let path = directory + "/\(name).sqlite"
            let store = try SQLiteResultsStore(path: path)
            _ = try store.register(makeExperiment("sweep"), runs: [makeRun("v1", validationLimit: 10_000)])
            try complete("v1", in: store, accuracies: [0.5, 0.75], validationAccuracies: validation)
            return path
        }
        _ = try target.merge(shard: try shard("a", validation: [0.5, 0.75]), includeUnfinished: false)
        let unrecorded = try target.merge(shard: try shard("b", validation: nil), includeUnfinished: false)
        XCTAssertEqual(unrecorded.alreadyPresent, ["v1"])
        XCTAssertEqual(unrecorded.conflicts, [])
        let different = try target.merge(shard: try shard("c", validation: [0.5, 0.875]), includeUnfinished: false)
        XCTAssertEqual(different.conflicts, [
            MergeConflict(configHash: "v1", difference: "epoch 2 validation_accuracy: 0.75 here, 0.875 in the shard"),
        ])
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
