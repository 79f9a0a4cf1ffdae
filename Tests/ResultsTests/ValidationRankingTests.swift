import XCTest
@testable import Results

/// The best epoch chosen on the validation set, as `finish` stores it and
/// the views and the ranking summarise it. Accuracies are exact in binary,
/// so every mean is exact and every deviation the square root of an exact
/// sum.
final class ValidationRankingTests: XCTestCase {
    private var store: SQLiteResultsStore!

    /// Experiment `chosen`:
    /// - `a1`, `a2`: η = 3 with 10,000 validation examples, two seeds. a1's
    ///   validation accuracies 0.5, 1, 1 (best first reached in epoch 2, test
    ///   0.5 there) against test 0.25, 0.5, 0.75; a2's validation 0.5, 0.25
    ///   (best in epoch 1, test 0.875) against test 0.875, 0.5.
    /// - `b1`: η = 0.5, no validation set, best test 0.99.
    /// - `c1`: a1's configuration with L2 5 and patience 1, stopped early:
    ///   validation 0.625 twice, test 1 and 0.5.
    override func setUpWithError() throws {
        store = try SQLiteResultsStore(path: try makeTemporaryDirectory(for: self) + "/results.sqlite")
        _ = try store.register(makeExperiment("chosen"), runs: [
            makeRun("a1", seed: 1, validationLimit: 10_000), makeRun("a2", seed: 2, validationLimit: 10_000),
            makeRun("b1", eta: 0.5, seed: 1), makeRun("c1", seed: 1, validationLimit: 10_000, l2: 5, patience: 1),
        ])
        try complete("a1", in: store, accuracies: [0.25, 0.5, 0.75], validationAccuracies: [0.5, 1.0, 1.0])
        try complete("a2", in: store, accuracies: [0.875, 0.5], validationAccuracies: [0.5, 0.25])
        try complete("b1", in: store, accuracies: [0.99])
        try complete("c1", in: store, accuracies: [1.0, 0.5], validationAccuracies: [0.625, 0.625],
                     stopReason: "no new best validation accuracy in 1 epoch")
    }

    func testFinishStoresTheBestValidationEpochAndTheTestAccuracyThere() throws {
        XCTAssertEqual(try store.query("""
            SELECT config_hash, best_accuracy, best_epoch, best_validation_accuracy, best_validation_epoch,
                   test_accuracy_at_best_validation, stop_reason, validation_size, l2, patience
            FROM run_summary WHERE experiment = 'chosen' ORDER BY position
            """).rows, [
            ["a1", "0.75", "3", "1.0", "2", "0.5", nil, "10000", "0.0", nil],
            ["a2", "0.875", "1", "0.5", "1", "0.875", nil, "10000", "0.0", nil],
            ["b1", "0.99", "1", nil, nil, nil, nil, "0", "0.0", nil],
            ["c1", "1.0", "1", "0.625", "1", "1.0", "no new best validation accuracy in 1 epoch", "10000", "5.0", "1"],
        ])
        let stored = try XCTUnwrap(try store.run(configHash: "c1"))
        XCTAssertEqual(stored.stopReason, "no new best validation accuracy in 1 epoch")
        XCTAssertEqual(stored.bestValidationAccuracy, 0.625)
        XCTAssertEqual(stored.bestValidationEpoch, 1)
        XCTAssertEqual(stored.testAccuracyAtBestValidation, 1.0)
        XCTAssertEqual(stored.record, makeRun("c1", seed: 1, validationLimit: 10_000, l2: 5, patience: 1))
        XCTAssertEqual(try store.epochs(runID: stored.id), [
            EpochRecord(epoch: 1, trainCost: 0.5, testCost: 0.5, testAccuracy: 1.0, seconds: 1.5, eta: 3.0,
                        validationCost: 0.125, validationAccuracy: 0.625),
            EpochRecord(epoch: 2, trainCost: 1.0 / 3, testCost: 0.25, testAccuracy: 0.5, seconds: 1.5, eta: 3.0,
                        validationCost: 0.0625, validationAccuracy: 0.625),
        ])
    }

    /// Each option apart: c1 differs from a1 and a2 by L2 and patience alone.
    func testSummariesCarryTheValidationStatisticsOfEachConfiguration() throws {
        XCTAssertEqual(try store.configurationSummaries(experiment: "chosen"), [
            summary(
                eta: 3.0, validationLimit: 10_000, seeds: 2, firstPosition: 0,
                final: AccuracyStatistics(mean: 0.625, standardDeviation: (0.03125).squareRoot(), minimum: 0.5, maximum: 0.75),
                best: AccuracyStatistics(mean: 0.8125, standardDeviation: (0.0078125).squareRoot(), minimum: 0.75, maximum: 0.875),
                bestValidation: AccuracyStatistics(mean: 0.75, standardDeviation: (0.125).squareRoot(), minimum: 0.5, maximum: 1.0),
                testAtBestValidation: AccuracyStatistics(
                    mean: 0.6875, standardDeviation: (0.0703125).squareRoot(), minimum: 0.5, maximum: 0.875)),
            summary(
                eta: 0.5, validationLimit: 0, seeds: 1, firstPosition: 2,
                final: AccuracyStatistics(mean: 0.99, standardDeviation: nil, minimum: 0.99, maximum: 0.99),
                best: AccuracyStatistics(mean: 0.99, standardDeviation: nil, minimum: 0.99, maximum: 0.99),
                bestValidation: .empty, testAtBestValidation: .empty),
            summary(
                eta: 3.0, l2: 5, patience: 1, validationLimit: 10_000, seeds: 1, firstPosition: 3,
                final: AccuracyStatistics(mean: 0.5, standardDeviation: nil, minimum: 0.5, maximum: 0.5),
                best: AccuracyStatistics(mean: 1.0, standardDeviation: nil, minimum: 1.0, maximum: 1.0),
                bestValidation: AccuracyStatistics(mean: 0.625, standardDeviation: nil, minimum: 0.625, maximum: 0.625),
                testAtBestValidation: AccuracyStatistics(mean: 1.0, standardDeviation: nil, minimum: 1.0, maximum: 1.0)),
        ])
    }

    /// Ranked by mean best validation accuracy (0.75 before 0.625, though
    /// c1's best test accuracy is the higher); the configuration without a
    /// validation set comes last whatever its test accuracy, and reports
    /// that, chosen on the test set.
    func testTheRankingIsByValidationAccuracyAndTheOnesWithoutComeLast() throws {
        let ranked = try store.bestConfigurations(experiment: "chosen", limit: 10, decimals: nil)
        XCTAssertEqual(ranked.map(\.firstPosition), [0, 3, 2])
        XCTAssertEqual(ranked.map(\.isChosenOnValidation), [true, true, false])
        XCTAssertEqual(ranked.map(\.reportedTestAccuracy.mean), [0.6875, 1.0, 0.99])
        XCTAssertEqual(ranked, try store.configurationSummaries(experiment: "chosen").sortedBy(positions: [0, 3, 2]))

        let rounded = try store.bestConfigurations(experiment: "chosen", limit: 1, decimals: 4)
        XCTAssertEqual(rounded.map(\.bestValidationAccuracy), [
            AccuracyStatistics(mean: 0.75, standardDeviation: 0.3536, minimum: 0.5, maximum: 1.0),
        ])
        XCTAssertEqual(rounded.map(\.testAccuracyAtBestValidation), [
            AccuracyStatistics(mean: 0.6875, standardDeviation: 0.2652, minimum: 0.5, maximum: 0.875),
        ])
    }

    func testAStopReasonComesOnlyWithDone() throws {
        _ = try store.register(makeExperiment("other"), runs: [makeRun("d1", validationLimit: 10_000)])
        let runID = try XCTUnwrap(try store.claim(configHash: "d1", owner: testOwner, retryFailed: false))
        XCTAssertThrowsError(
            try store.finish(runID: runID, status: .failed, error: "boom", stopReason: "patience", wallSeconds: 1)
        ) { error in
            XCTAssertEqual(error as? ResultsError, ResultsError(
                path: store.path,
                message: "cannot finish run \(runID) as failed with a stop reason: only a done run stops early"))
        }
        XCTAssertEqual(try store.statuses(of: ["d1"]), ["d1": .running])
    }

    /// A failed run claimed again starts with none of its former outcome.
    func testClaimingAgainClearsTheValidationOutcome() throws {
        _ = try store.register(makeExperiment("other"), runs: [makeRun("d1", validationLimit: 10_000)])
        try complete("d1", in: store, accuracies: [0.5], validationAccuracies: [0.75], status: .failed)
        XCTAssertEqual(try store.query("SELECT best_validation_accuracy FROM runs WHERE config_hash = 'd1'").rows, [["0.75"]])

        _ = try XCTUnwrap(try store.claim(configHash: "d1", owner: testOwner, retryFailed: true))
        XCTAssertEqual(try store.query("""
            SELECT stop_reason, best_validation_accuracy, best_validation_epoch, test_accuracy_at_best_validation
            FROM runs WHERE config_hash = 'd1'
            """).rows, [[nil, nil, nil, nil]])
    }

    /// A configuration of experiment `chosen` as `makeRun` registers it.
    private func summary(
        eta: Double, l2: Double = 0, patience: Int? = nil, validationLimit: Int, seeds: Int, firstPosition: Int,
        final: AccuracyStatistics, best: AccuracyStatistics, bestValidation: AccuracyStatistics,
        testAtBestValidation: AccuracyStatistics
    ) -> ConfigurationSummary {
        ConfigurationSummary(
            experiment: "chosen", layers: [784, 30, 10], eta: eta, epochs: 3, batchSize: 10, initialization: "gaussian",
            dataset: "mnist", trainLimit: 50_000, testLimit: 10_000, hashVersion: 2, l2: l2, patience: patience,
            validationLimit: validationLimit, seedCount: seeds, finalAccuracy: final, bestAccuracy: best,
            bestValidationAccuracy: bestValidation, testAccuracyAtBestValidation: testAtBestValidation,
            firstPosition: firstPosition)
    }
}

extension Array where Element == ConfigurationSummary {
    /// The summaries in the order of their first positions given.
    fileprivate func sortedBy(positions: [Int]) -> [ConfigurationSummary] {
        positions.compactMap { position in first { $0.firstPosition == position } }
    }
}
