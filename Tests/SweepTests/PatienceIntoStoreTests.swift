import Experiments
import Foundation
import Results
import XCTest
@testable import Sweep

/// A run that patience ends, trained by the workers into a results
/// database: done, with its stop reason, its best validation epoch and the
/// test accuracy there, as the views and the summaries read them.
final class PatienceIntoStoreTests: XCTestCase {
    func testAPatienceRunIsStoredDoneWithItsReasonAndItsBestValidationEpoch() throws {
        let plan = try makePlan(self, seeds: [1], epochs: 1)
        var spec = plan.runs[0].spec
        spec.training.epochs = 30
        spec.training.patience = 1
        let run = PlannedRun(index: 0, spec: spec, datasetChecksum: plan.dataset.checksum)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("SweepTests-\(UUID().uuidString)")
        addTeardownBlock { try? FileManager.default.removeItem(at: directory) }
        let store = try SQLiteResultsStore(path: directory.appendingPathComponent("results.sqlite").path)
        _ = try store.register(plan.record, runs: [run.record])

        let summary = SweepWorkers(
            store: store, dataset: plan.dataset, owner: .current(runnerVersion: "test"), jobs: 1, retryFailed: false,
            interruption: nil, observe: { _ in }
        ).run(FIFOScheduler([run]))

        // As the workers' tests find with a store in memory: 11 epochs, the best validation accuracy in epoch 10.
        XCTAssertEqual(summary.outcomes.map(\.completedEpochs), [11])
        XCTAssertEqual(try store.query("""
            SELECT status, epochs, patience, validation_size, stop_reason, best_validation_accuracy,
                   best_validation_epoch, test_accuracy_at_best_validation, (SELECT count(*) FROM epochs) AS recorded
            FROM run_summary
            """).rows, [[
                "done", "30", "1", "10000", "no new best validation accuracy in 1 epoch", "0.2046", "10", "0.24", "11",
            ]])
        let stored = try XCTUnwrap(try store.run(configHash: run.configHash))
        XCTAssertEqual(stored.record, run.record)
        XCTAssertEqual(RunSpec(stored.record), spec)
        let configuration = try XCTUnwrap(try store.bestConfigurations(experiment: "tiny", limit: 1, decimals: nil).first)
        XCTAssertEqual(configuration.patience, 1)
        XCTAssertEqual(configuration.testAccuracyAtBestValidation.mean, 0.24)
        XCTAssertEqual(try RunVerification.verify(stored, stored: try store.epochs(runID: stored.id)), .reproduced(epochs: 11))
        try store.close()
    }
}
