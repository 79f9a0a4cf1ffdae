import XCTest
@testable import Results

/// The table that closes a sweep: configurations ranked by mean best
/// accuracy, rounded as the database rounds.
final class BestConfigurationsTests: XCTestCase {
    private var store: SQLiteResultsStore!

    /// Experiment `report`: η = 3 with best accuracies 0.9123 and 0.9124 (a
    /// mean half-way between two four-decimal values) and final ones 0.9 and
    /// 0.8; η = 0.5 with one seed done at 0.95 and one failed; η = 1 with
    /// 0.5 and 0.25.
    override func setUpWithError() throws {
        store = try SQLiteResultsStore(path: try makeTemporaryDirectory(for: self) + "/results.sqlite")
        _ = try store.register(makeExperiment("report"), runs: [
            makeRun("a1", seed: 1), makeRun("a2", seed: 2),
            makeRun("b1", eta: 0.5, seed: 1), makeRun("b2", eta: 0.5, seed: 2),
            makeRun("c1", eta: 1.0, seed: 1), makeRun("c2", eta: 1.0, seed: 2),
        ])
        try complete("a1", in: store, accuracies: [0.9123, 0.9])
        try complete("a2", in: store, accuracies: [0.9124, 0.8])
        try complete("b1", in: store, accuracies: [0.95])
        try complete("b2", in: store, accuracies: [0.99], status: .failed)
        try complete("c1", in: store, accuracies: [0.5])
        try complete("c2", in: store, accuracies: [0.25])
    }

    func testTheBestComeFirstRoundedHalfWayUp() throws {
        XCTAssertEqual(try store.bestConfigurations(experiment: "report", limit: 10, decimals: 4), [
            summary(eta: 0.5, seeds: 1, firstPosition: 2,
                    final: AccuracyStatistics(mean: 0.95, standardDeviation: nil, minimum: 0.95, maximum: 0.95),
                    best: AccuracyStatistics(mean: 0.95, standardDeviation: nil, minimum: 0.95, maximum: 0.95)),
            // The mean best accuracy's double is just below 0.91235 and
            // String(format: "%.4f") gives 0.9123; the report has always said 0.9124.
            // The final mean, 0.8500000000000001 unrounded, is 0.85.
            summary(eta: 3.0, seeds: 2, firstPosition: 0,
                    final: AccuracyStatistics(mean: 0.85, standardDeviation: 0.0707, minimum: 0.8, maximum: 0.9),
                    best: AccuracyStatistics(mean: 0.9124, standardDeviation: 0.0001, minimum: 0.9123, maximum: 0.9124)),
            summary(eta: 1.0, seeds: 2, firstPosition: 4,
                    final: AccuracyStatistics(mean: 0.375, standardDeviation: 0.1768, minimum: 0.25, maximum: 0.5),
                    best: AccuracyStatistics(mean: 0.375, standardDeviation: 0.1768, minimum: 0.25, maximum: 0.5)),
        ])
        XCTAssertEqual(String(format: "%.4f", (0.9123 + 0.9124) / 2), "0.9123")
    }

    func testTheLimitKeepsTheBest() throws {
        XCTAssertEqual(try store.bestConfigurations(experiment: "report", limit: 2, decimals: 4).map(\.eta), [0.5, 3.0])
        XCTAssertEqual(try store.bestConfigurations(experiment: "report", limit: 0, decimals: 4), [])
    }

    /// Unrounded, they are the configuration summaries, ranked.
    func testWithoutDecimalsTheStatisticsAreUnrounded() throws {
        let summaries = try store.configurationSummaries(experiment: "report")
        XCTAssertEqual(summaries.map(\.eta), [3.0, 0.5, 1.0])
        XCTAssertEqual(try store.bestConfigurations(experiment: "report", limit: 10, decimals: nil),
                       [summaries[1], summaries[0], summaries[2]])
        XCTAssertEqual(summaries[0].bestAccuracy.mean, (0.9123 + 0.9124) / 2)
        XCTAssertEqual(summaries[0].finalAccuracy.mean, 0.8500000000000001)
    }

    func testAnUnknownExperimentIsAnInputError() throws {
        XCTAssertThrowsError(try store.bestConfigurations(experiment: "nope", limit: 10, decimals: 4)) { error in
            XCTAssertEqual(error as? ResultsError, ResultsError(path: store.path, message: "no experiment named 'nope'; the database has report", kind: .input))
        }
    }

    /// A configuration of experiment `report` as `makeRun` registers it.
    private func summary(
        eta: Double, seeds: Int, firstPosition: Int, final: AccuracyStatistics, best: AccuracyStatistics
    ) -> ConfigurationSummary {
        ConfigurationSummary(
            experiment: "report", layers: [784, 30, 10], eta: eta, epochs: 3, batchSize: 10, initialization: "gaussian",
            dataset: "mnist", trainLimit: 50_000, testLimit: 10_000, hashVersion: 2, seedCount: seeds,
            finalAccuracy: final, bestAccuracy: best, firstPosition: firstPosition)
    }
}
