import XCTest
@testable import Results

/// The read side's ways to find runs beyond an id: an experiment's runs in
/// its order, runs by config-hash prefix, runs no experiment lists, and runs
/// marked running with what tells whether their process lives.
final class RunLookupTests: XCTestCase {
    private var store: SQLiteResultsStore!

    override func setUpWithError() throws {
        store = try SQLiteResultsStore(path: try makeTemporaryDirectory(for: self) + "/results.sqlite")
        _ = try store.register(makeExperiment("first"), runs: [makeRun("ab01"), makeRun("ab02", seed: 2), makeRun("cd03", seed: 3)])
        _ = try store.register(makeExperiment("second"), runs: [makeRun("ef04", seed: 4), makeRun("ab01")])
    }

    func testAnExperimentsRunsComeInItsOrder() throws {
        XCTAssertEqual(try store.runs(experiment: "second").map(\.record.configHash), ["ef04", "ab01"])
        XCTAssertEqual(try store.runs(experiment: "second").map(\.experiment), ["second", "first"], "the creator")
        XCTAssertThrowsError(try store.runs(experiment: "third")) { error in
            XCTAssertEqual(String(describing: error), "\(store.path): no experiment named 'third'; the database has first, second")
        }
    }

    func testRunsByConfigHashPrefix() throws {
        XCTAssertEqual(try store.runs(configHashPrefix: "ab").map(\.record.configHash), ["ab01", "ab02"])
        XCTAssertEqual(try store.runs(configHashPrefix: "ab02").map(\.id), [2])
        XCTAssertEqual(try store.runs(configHashPrefix: "zz"), [])
        XCTAssertEqual(try store.runs(configHashPrefix: "a*"), [], "a wildcard is no prefix")
    }

    /// A run stays linked while any experiment lists it.
    func testOrphansAreTheRunsNoExperimentLists() throws {
        XCTAssertEqual(try store.orphanedRuns(), [])
        _ = try store.register(makeExperiment("first"), runs: [makeRun("ab02", seed: 2)])
        XCTAssertEqual(try store.orphanedRuns().map(\.record.configHash), ["cd03"])
    }

    /// Deleting takes the epochs along, and keeps runs relinked since they
    /// were listed and runs marked running.
    func testDeletingOrphansKeepsLinkedAndRunningRuns() throws {
        try complete("cd03", in: store, accuracies: [0.5, 0.6])
        _ = try store.register(makeExperiment("extra"), runs: [makeRun("gh05", seed: 5), makeRun("ij06", seed: 6)])
        XCTAssertNotNil(try store.claim(configHash: "ij06", owner: testOwner, retryFailed: false))
        _ = try store.register(makeExperiment("first"), runs: [makeRun("ab02", seed: 2)])
        _ = try store.register(makeExperiment("extra"), runs: [])
        XCTAssertEqual(try store.orphanedRuns().map(\.record.configHash), ["cd03", "gh05", "ij06"])
        _ = try store.register(makeExperiment("extra"), runs: [makeRun("gh05", seed: 5)])

        let deleted = try store.deleteOrphanedRuns([3, 5, 6, 7])

        XCTAssertEqual(deleted.runs, 1)
        XCTAssertEqual(deleted.epochs, 2)
        XCTAssertEqual(try store.query("SELECT config_hash FROM runs ORDER BY id").rows.map { $0[0] },
                       ["ab01", "ab02", "ef04", "gh05", "ij06"])
        XCTAssertEqual(try store.query("SELECT count(*) FROM epochs").rows, [["0"]])
    }

    /// A sweep's reclaim and a reader's "stale" share one rule: on this
    /// host a dead pid, on any host a heartbeat older than the limit.
    func testRunningRunsCarryWhatTellsTheirProcessIsGone() throws {
        XCTAssertNotNil(try store.claim(configHash: "ab01", owner: testOwner, retryFailed: false))
        let running = try XCTUnwrap(try store.runningRuns().first)
        XCTAssertEqual(running.configHash, "ab01")
        XCTAssertEqual(running.host, "test-host")
        XCTAssertEqual(running.ownerPID, 4242)
        XCTAssertEqual(running.experiments, ["first", "second"])
        XCTAssertLessThan(try XCTUnwrap(running.secondsSinceHeartbeat), 60)

        XCTAssertFalse(running.isAbandoned(host: "test-host", isAlive: { _ in true }, staleAfter: 60))
        XCTAssertTrue(running.isAbandoned(host: "test-host", isAlive: { _ in false }, staleAfter: 60))
        XCTAssertFalse(running.isAbandoned(host: "elsewhere", isAlive: { _ in false }, staleAfter: 60))
        var silent = running
        silent.secondsSinceHeartbeat = 61
        XCTAssertTrue(silent.isAbandoned(host: "elsewhere", isAlive: { _ in true }, staleAfter: 60))
    }
}
