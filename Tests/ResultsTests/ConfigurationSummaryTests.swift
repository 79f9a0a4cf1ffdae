import XCTest
@testable import Results

final class ConfigurationSummaryTests: XCTestCase {
    private var store: SQLiteResultsStore!

    override func setUpWithError() throws {
        store = try SQLiteResultsStore(path: try makeTemporaryDirectory(for: self) + "/results.sqlite")
    }

    /// Accuracies that are exact in binary, so every statistic is exact:
    /// the best accuracies 0.5, 0.75 and 1 have mean 0.75 and sample
    /// deviation 0.25, the final ones 0.25, 0.5 and 0.75 mean 0.5 and 0.25.
    func testSummariesCarryEveryStatisticOfTheDoneSeedsInExpansionOrder() throws {
        _ = try store.register(makeExperiment("seeds"), runs: [
            makeRun("a1", seed: 1), makeRun("a2", seed: 2), makeRun("a3", seed: 3),
            makeRun("b1", layers: [784, 10], eta: 0.5, seed: 1), makeRun("b2", layers: [784, 10], eta: 0.5, seed: 2),
            makeRun("c1", eta: 0.1, seed: 1),
        ])
        try complete("a1", in: store, accuracies: [0.5, 0.25])
        try complete("a2", in: store, accuracies: [0.75, 0.5])
        try complete("a3", in: store, accuracies: [1.0, 0.75])
        try complete("b1", in: store, accuracies: [0.625])
        try complete("b2", in: store, accuracies: [0.875], status: .failed)

        XCTAssertEqual(try store.configurationSummaries(experiment: "seeds"), [
            ConfigurationSummary(
                experiment: "seeds", layers: [784, 30, 10], eta: 3.0, epochs: 3, batchSize: 10,
                initialization: "gaussian", dataset: "mnist", trainLimit: 50_000, testLimit: 10_000, hashVersion: 2,
                seedCount: 3,
                finalAccuracy: AccuracyStatistics(mean: 0.5, standardDeviation: 0.25, minimum: 0.25, maximum: 0.75),
                bestAccuracy: AccuracyStatistics(mean: 0.75, standardDeviation: 0.25, minimum: 0.5, maximum: 1.0),
                firstPosition: 0),
            // The failed seed is left out, and one seed has no deviation;
            // c1 has no done run, so no summary.
            ConfigurationSummary(
                experiment: "seeds", layers: [784, 10], eta: 0.5, epochs: 3, batchSize: 10,
                initialization: "gaussian", dataset: "mnist", trainLimit: 50_000, testLimit: 10_000, hashVersion: 2,
                seedCount: 1,
                finalAccuracy: AccuracyStatistics(mean: 0.625, standardDeviation: nil, minimum: 0.625, maximum: 0.625),
                bestAccuracy: AccuracyStatistics(mean: 0.625, standardDeviation: nil, minimum: 0.625, maximum: 0.625),
                firstPosition: 3),
        ])
    }

    /// A configuration's seeds trained by two arithmetics and linked to one
    /// experiment, as a merge can link them: a summary for each.
    func testSummariesKeepHashVersionsApart() throws {
        _ = try store.register(makeExperiment("mixed"), runs: [
            makeRun("old1", seed: 1, hashVersion: 1), makeRun("new1", seed: 1),
            makeRun("old2", seed: 2, hashVersion: 1), makeRun("new2", seed: 2),
        ])
        try complete("old1", in: store, accuracies: [0.5])
        try complete("old2", in: store, accuracies: [0.75])
        try complete("new1", in: store, accuracies: [0.25])
        try complete("new2", in: store, accuracies: [0.5])

        let summaries = try store.configurationSummaries(experiment: "mixed")
        XCTAssertEqual(summaries.map(\.hashVersion), [1, 2])
        XCTAssertEqual(summaries.map(\.firstPosition), [0, 1])
        XCTAssertEqual(summaries.map(\.seedCount), [2, 2])
        XCTAssertEqual(summaries.map(\.finalAccuracy.mean), [0.625, 0.375])
    }

    func testAnExperimentWithoutDoneRunsHasNoSummaries() throws {
        _ = try store.register(makeExperiment("pending"), runs: [makeRun("h1"), makeRun("h2", seed: 2)])
        XCTAssertEqual(try store.configurationSummaries(experiment: "pending"), [])
    }

    func testSummariesOfAnUnknownExperimentAreAnInputError() throws {
        XCTAssertThrowsError(try store.configurationSummaries(experiment: "nope")) { error in
            XCTAssertEqual(error as? ResultsError, ResultsError(path: store.path, message: "no experiment named 'nope'; the database has no experiments", kind: .input))
        }
    }
}
