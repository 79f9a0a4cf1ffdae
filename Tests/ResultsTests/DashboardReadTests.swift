import Foundation
import XCTest
@testable import Results

/// The read side's answers for a dashboard: bounded queries, many runs'
/// epochs at once, the change counter and each experiment's progress.
final class DashboardReadTests: XCTestCase {
    private var path: String!
    private var writer: SQLiteResultsStore!

    override func setUpWithError() throws {
        path = (try makeTemporaryDirectory(for: self) as NSString).appendingPathComponent("results.sqlite")
        writer = try SQLiteResultsStore(path: path)
        try writer.register(makeExperiment("eta"), runs: [makeRun("a", seed: 1), makeRun("b", seed: 2), makeRun("c", seed: 3)])
        try complete("a", in: writer, accuracies: [0.5, 0.6, 0.7])
        try complete("b", in: writer, accuracies: [0.4, 0.8])
    }

    override func tearDownWithError() throws {
        try writer.close()
    }

    func testARowLimitCutsTheRowsAndSaysSo() throws {
        let reader = try SQLiteResultsStore(path: path, readOnly: true)
        let sql = "SELECT run_id, epoch FROM epochs ORDER BY run_id, epoch"
        let cut = try reader.query(sql, arguments: [:], limits: QueryLimits(rowLimit: 2))
        XCTAssertEqual(cut, QueryResult(columns: ["run_id", "epoch"], rows: [["1", "1"], ["1", "2"]], truncated: true))
        let exact = try reader.query(sql, arguments: [:], limits: QueryLimits(rowLimit: 5))
        XCTAssertEqual(exact.rows.count, 5)
        XCTAssertFalse(exact.truncated, "five rows fit a limit of five")
    }

    func testAQueryPastItsTimeLimitIsCancelled() throws {
        let reader = try SQLiteResultsStore(path: path, readOnly: true)
        let endless = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c"
        let started = Date()
        XCTAssertThrowsError(try reader.query(endless, arguments: [:], limits: QueryLimits(timeLimit: 0.2))) { error in
            XCTAssertEqual(error as? ResultsError, ResultsError(
                path: path, message: "query cancelled: it ran past the time limit of 0.2 s", kind: .input))
        }
        XCTAssertLessThan(Date().timeIntervalSince(started), 2, "cancelled at its limit, not left to run")
        // The connection is usable again: the handler went with the query.
        XCTAssertEqual(try reader.query("SELECT count(*) FROM runs", arguments: [:], limits: QueryLimits(timeLimit: 0.2)).rows, [["3"]])
    }

    func testALimitedQueryCannotWriteEvenThroughAPragma() throws {
        let reader = try SQLiteResultsStore(path: path, readOnly: true)
        XCTAssertThrowsError(try reader.query("DELETE FROM runs", arguments: [:], limits: QueryLimits(rowLimit: 10))) { error in
            XCTAssertEqual(error as? ResultsError, ResultsError(path: path, message: "query is read-only; refusing `DELETE FROM runs`", kind: .input))
        }
        XCTAssertEqual(try reader.query("PRAGMA query_only", arguments: [:], limits: QueryLimits(rowLimit: 10)).rows, [["1"]])
        XCTAssertThrowsError(try reader.query("PRAGMA user_version = 7", arguments: [:], limits: QueryLimits(rowLimit: 10))) { error in
            XCTAssertEqual(error as? ResultsError, ResultsError(path: path, message: "query is read-only; refusing `PRAGMA user_version = 7`", kind: .input))
        }
        XCTAssertEqual(try reader.query("PRAGMA user_version").rows, [["0"]])
    }

    func testOneMetricOfManyRunsInOneRead() throws {
        let reader = try SQLiteResultsStore(path: path, readOnly: true)
        let series = try reader.epochSeries(runIDs: [2, 1, 3, 99], metric: .testAccuracy)
        XCTAssertEqual(series, [
            1: EpochSeries(epochs: [1, 2, 3], values: [0.5, 0.6, 0.7], seconds: [1.5, 1.5, 1.5]),
            2: EpochSeries(epochs: [1, 2], values: [0.4, 0.8], seconds: [1.5, 1.5]),
        ], "runs without epochs are absent")
        let costs = try reader.epochSeries(runIDs: [2], metric: .trainCost)
        XCTAssertEqual(costs[2]?.values, [0.5, 1.0 / 3])
        let validation = try XCTUnwrap(try reader.epochSeries(runIDs: [2], metric: .validationAccuracy)[2])
        XCTAssertEqual(validation.values.count, 2)
        XCTAssertTrue(validation.values.allSatisfy(\.isNaN), "no validation set: NaN, not 0")
        XCTAssertEqual(try reader.epochSeries(runIDs: [], metric: .testCost), [:])
    }

    func testTheSettingsOfAnExperimentsRunsInItsOrder() throws {
        try writer.register(makeExperiment("other"), runs: [makeRun("c", seed: 3), makeRun("d", eta: 0.5, seed: 4, l2: 2, patience: 3)])
        let reader = try SQLiteResultsStore(path: path, readOnly: true)
        let runs = try reader.runSettings(experiment: "other")
        XCTAssertEqual(runs, [
            RunSettings(id: 3, status: .pending, seed: 3, layers: [784, 30, 10], eta: 3.0, epochs: 3, batchSize: 10,
                        initialization: "gaussian", dataset: "mnist", trainLimit: 50_000, testLimit: 10_000, hashVersion: 2,
                        cost: "quadratic", l2: 0, momentum: 0, patience: nil, etaHalving: nil, validationLimit: 0),
            RunSettings(id: 4, status: .pending, seed: 4, layers: [784, 30, 10], eta: 0.5, epochs: 3, batchSize: 10,
                        initialization: "gaussian", dataset: "mnist", trainLimit: 50_000, testLimit: 10_000, hashVersion: 2,
                        cost: "quadratic", l2: 2, momentum: 0, patience: 3, etaHalving: nil, validationLimit: 0),
        ])
        XCTAssertEqual(try reader.runSettings(experiment: "eta").map(\.status), [.done, .done, .pending])
        XCTAssertThrowsError(try reader.runSettings(experiment: "none")) { error in
            XCTAssertEqual((error as? ResultsError)?.kind, .input)
        }
    }

    func testTheChangeCounterMovesOnlyWhenAnotherConnectionCommits() throws {
        let reader = try SQLiteResultsStore(path: path, readOnly: true)
        let before = try reader.changeCounter()
        _ = try reader.overview()
        XCTAssertEqual(try reader.changeCounter(), before, "reading changes nothing")
        try complete("c", in: writer, accuracies: [0.9])
        let after = try reader.changeCounter()
        XCTAssertNotEqual(after, before)
        XCTAssertEqual(try reader.changeCounter(), after)
    }

    func testActivityCountsTheEpochsPlannedAndTrained() throws {
        let runID = try XCTUnwrap(try writer.claim(configHash: "c", owner: testOwner, retryFailed: false))
        try writer.recordEpoch(runID: runID, EpochRecord(epoch: 1, trainCost: 1, testCost: 1, testAccuracy: 0.1, seconds: 3))
        let reader = try SQLiteResultsStore(path: path, readOnly: true)
        let activity = try XCTUnwrap(try reader.activity()["eta"])
        // a: 3 of 3 (done), b: 2 (done, the 2 it trained), c: 1 of 3 (running).
        XCTAssertEqual(activity.epochsPlanned, 8)
        XCTAssertEqual(activity.epochsTrained, 6)
        XCTAssertEqual(activity.runningRuns, 1)
        XCTAssertEqual(activity.meanEpochSeconds, (5 * 1.5 + 3) / 6)
        XCTAssertEqual(activity.secondsLeft, 2 * (5 * 1.5 + 3) / 6)
        let lastHeartbeat = try XCTUnwrap(try reader.query("SELECT max(max(started_at), max(finished_at), max(heartbeat_at)) FROM runs").rows.first?.first ?? nil)
        XCTAssertEqual(activity.lastActivity, lastHeartbeat)
    }

    func testNothingTrainingHasNoTimeLeft() {
        let idle = ExperimentActivity(epochsPlanned: 9, epochsTrained: 3, runningRuns: 0, meanEpochSeconds: 2, lastActivity: nil)
        XCTAssertNil(idle.secondsLeft)
        XCTAssertEqual(ExperimentActivity(epochsPlanned: 9, epochsTrained: 3, runningRuns: 2, meanEpochSeconds: 2, lastActivity: nil).secondsLeft, 6)
    }
}
