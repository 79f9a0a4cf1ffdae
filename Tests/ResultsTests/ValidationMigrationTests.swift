import XCTest
@testable import Results

/// Migration v3 on a file of schema v2: every value kept, the chapter-3
/// options at their defaults, and no validation set for the runs before it.
final class ValidationMigrationTests: XCTestCase {
    private var path: String!

    override func setUpWithError() throws {
        path = try makeTemporaryDirectory(for: self) + "/results.sqlite"
        try makeVersion2Database(at: path)
    }

    func testAVersion2DatabaseUpgradesInPlaceWithDefaultsAndNoValidation() throws {
        let store = try SQLiteResultsStore(path: path)

        XCTAssertEqual(try store.query("SELECT identifier FROM grdb_migrations ORDER BY identifier").rows,
                       [["v1"], ["v2"], ["v3"], ["v4"], ["v5"], ["v6"], ["v7"]])
        XCTAssertEqual(try store.query("""
            SELECT id, config_hash, status, final_accuracy, best_accuracy, best_epoch, kernels, hash_version,
                   cost, l2, momentum, patience, eta_halving, validation_size, stop_reason,
                   best_validation_accuracy, best_validation_epoch, test_accuracy_at_best_validation
            FROM runs ORDER BY id
            """).rows, [
            ["1", "done1", "done", "0.75", "0.75", "2", "avx2", "2",
             "quadratic", "0.0", "0.0", nil, nil, nil, nil, nil, nil, nil],
            ["2", "waiting", "pending", nil, nil, nil, nil, "2",
             "quadratic", "0.0", "0.0", nil, nil, nil, nil, nil, nil, nil],
        ])
        XCTAssertEqual(try store.query("""
            SELECT run_id, epoch, train_cost, test_cost, test_accuracy, seconds, eta, validation_cost, validation_accuracy
            FROM epochs ORDER BY run_id, epoch
            """).rows, [
            ["1", "1", "0.5", "0.4", "0.5", "2.0", nil, nil, nil],
            ["1", "2", "0.25", "0.3", "0.75", "2.0", nil, nil, nil],
        ])
        XCTAssertEqual(try store.query("""
            SELECT run_id, position, best_accuracy, cost, l2, validation_size, best_validation_accuracy,
                   test_accuracy_at_best_validation
            FROM run_summary ORDER BY position
            """).rows, [
            ["1", "0", "0.75", "quadratic", "0.0", nil, nil, nil],
            ["2", "1", nil, "quadratic", "0.0", nil, nil, nil],
        ])
        XCTAssertEqual(try store.query("""
            SELECT n_seeds, mean_best_accuracy, cost, l2, momentum, patience, eta_halving, validation_size,
                   mean_best_validation_accuracy, std_best_validation_accuracy,
                   mean_test_accuracy_at_best_validation, max_test_accuracy_at_best_validation
            FROM config_summary
            """).rows, [["1", "0.75", "quadratic", "0.0", "0.0", nil, nil, nil, nil, nil, nil, nil]])

        let stored = try XCTUnwrap(try store.run(id: 1))
        XCTAssertEqual(stored.record.cost, "quadratic")
        XCTAssertNil(stored.record.validationLimit)
        XCTAssertNil(stored.bestValidationAccuracy)
        XCTAssertNil(stored.testAccuracyAtBestValidation)
        XCTAssertEqual(try store.epochs(runID: 1), [
            EpochRecord(epoch: 1, trainCost: 0.5, testCost: 0.4, testAccuracy: 0.5, seconds: 2),
            EpochRecord(epoch: 2, trainCost: 0.25, testCost: 0.3, testAccuracy: 0.75, seconds: 2),
        ])
        let summary = try XCTUnwrap(try store.bestConfigurations(experiment: "sweep", limit: 10, decimals: nil).first)
        XCTAssertFalse(summary.isChosenOnValidation)
        XCTAssertEqual(summary.reportedTestAccuracy, summary.bestAccuracy)
    }

    /// Registered again by a runner with validation sets, the done run keeps
    /// its NULL (it evaluated none); the pending one will train with the
    /// validation set the experiment now gives it.
    func testReRegistrationGivesOnlyUnfinishedRunsTheirValidationSet() throws {
        let store = try SQLiteResultsStore(path: path)
        let runs = ["done1", "waiting"].enumerated().map { index, hash in
            var run = makeRun(hash, seed: UInt64(index + 1), validationLimit: 10_000)
            run.epochs = 2
            run.initialization = "normal"
            return run
        }
        XCTAssertEqual(try store.register(makeExperiment("sweep"), runs: runs), ["done1": .done, "waiting": .pending])
        XCTAssertEqual(try store.query("SELECT config_hash, validation_size FROM runs ORDER BY id").rows,
                       [["done1", nil], ["waiting", "10000"]])
    }
}
