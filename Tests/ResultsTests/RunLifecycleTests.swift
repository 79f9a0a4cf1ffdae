import XCTest
@testable import Results

final class RunLifecycleTests: XCTestCase {
    private var store: SQLiteResultsStore!

    override func setUpWithError() throws {
        store = try SQLiteResultsStore(path: try makeTemporaryDirectory(for: self) + "/results.sqlite")
        _ = try store.register(makeExperiment("sweep"), runs: [makeRun("h1"), makeRun("h2")])
    }

    func testClaimRecordFinishRoundTrip() throws {
        let runID = try XCTUnwrap(try store.claim(configHash: "h1", owner: testOwner, retryFailed: false))
        XCTAssertEqual(try store.statuses(of: ["h1"]), ["h1": .running])
        XCTAssertEqual(try store.query("""
            SELECT runner_version, git_commit, kernels, host, owner_pid, started_at IS NOT NULL, heartbeat_at IS NOT NULL
            FROM runs WHERE id = \(runID)
            """).rows, [["0.1.0", "abc123", "avx2", "test-host", "4242", "1", "1"]])

        let epochs = [
            EpochRecord(epoch: 1, trainCost: 0.25, testCost: 0.3, testAccuracy: 0.9012, seconds: 1.25),
            EpochRecord(epoch: 2, trainCost: 0.125, testCost: 0.2, testAccuracy: 0.9431, seconds: 1.5),
            EpochRecord(epoch: 3, trainCost: 0.0625, testCost: 0.25, testAccuracy: 0.9431, seconds: 1.75),
            EpochRecord(epoch: 4, trainCost: 0.03125, testCost: 0.1, testAccuracy: 0.9388, seconds: 2.0),
        ]
        for epoch in epochs {
            try store.recordEpoch(runID: runID, epoch)
        }
        XCTAssertEqual(try store.epochs(runID: runID), epochs)
        try store.finish(runID: runID, status: .done, error: nil, wallSeconds: 6.5)

        XCTAssertEqual(try store.query("""
            SELECT status, error, final_accuracy, best_accuracy, best_epoch, final_train_cost, wall_seconds,
                   finished_at IS NOT NULL
            FROM runs WHERE id = \(runID)
            """).rows, [["done", nil, "0.9388", "0.9431", "2", "0.03125", "6.5", "1"]])
        XCTAssertEqual(try store.epochs(runID: runID), epochs)
    }

    func testStoredRunCarriesTheRecordTheOutcomeAndWhatTrainedIt() throws {
        try complete("h1", in: store, accuracies: [0.5, 0.75])
        let stored = try XCTUnwrap(try store.run(configHash: "h1"))
        XCTAssertNotNil(stored.startedAt)
        XCTAssertNotNil(stored.finishedAt)
        XCTAssertEqual(stored, StoredRun(
            id: 1, experiment: "sweep", record: makeRun("h1"), hashVersion: 2, status: .done, error: nil,
            finalAccuracy: 0.75, bestAccuracy: 0.75, bestEpoch: 2, finalTrainCost: 1.0 / 3, wallSeconds: 4.5,
            startedAt: stored.startedAt, finishedAt: stored.finishedAt, runnerVersion: "0.1.0",
            gitCommit: "abc123", kernels: "avx2", host: "test-host"))
        XCTAssertEqual(try store.run(id: 1), stored)
        XCTAssertNil(try store.run(id: 3))
    }

    func testFailedRunKeepsErrorAndNaNCostsReadBackAsNaN() throws {
        let runID = try XCTUnwrap(try store.claim(configHash: "h1", owner: testOwner, retryFailed: false))
        try store.recordEpoch(runID: runID, EpochRecord(epoch: 1, trainCost: .nan, testCost: .nan, testAccuracy: 0.098, seconds: 1))
        try store.finish(runID: runID, status: .diverged, error: "cost is NaN", wallSeconds: 1)

        let epoch = try XCTUnwrap(try store.epochs(runID: runID).first)
        XCTAssertTrue(epoch.trainCost.isNaN)
        XCTAssertTrue(epoch.testCost.isNaN)
        XCTAssertEqual(epoch.testAccuracy, 0.098)
        XCTAssertEqual(try store.query("SELECT status, error, final_train_cost, best_epoch FROM runs WHERE id = \(runID)").rows,
                       [["diverged", "cost is NaN", nil, "1"]])
    }

    func testClaimReturnsNilForDoneAndRunningRuns() throws {
        try complete("h1", in: store, accuracies: [0.9])
        XCTAssertNil(try store.claim(configHash: "h1", owner: testOwner, retryFailed: false))
        XCTAssertNil(try store.claim(configHash: "h1", owner: testOwner, retryFailed: true))

        let other = Provenance(runnerVersion: "0.1.0", gitCommit: nil, kernels: "portable", host: "other-host", pid: 7)
        XCTAssertNotNil(try store.claim(configHash: "h2", owner: other, retryFailed: false))
        XCTAssertNil(try store.claim(configHash: "h2", owner: testOwner, retryFailed: false))
        XCTAssertNil(try store.claim(configHash: "h2", owner: testOwner, retryFailed: true))
    }

    func testFailedRunsAreClaimedAgainOnlyWithRetryFailed() throws {
        let runID = try XCTUnwrap(try store.claim(configHash: "h1", owner: testOwner, retryFailed: false))
        try store.recordEpoch(runID: runID, EpochRecord(epoch: 1, trainCost: 1, testCost: 1, testAccuracy: 0.1, seconds: 1))
        try store.finish(runID: runID, status: .failed, error: "out of memory", wallSeconds: 2)

        XCTAssertNil(try store.claim(configHash: "h1", owner: testOwner, retryFailed: false))
        XCTAssertEqual(try store.claim(configHash: "h1", owner: testOwner, retryFailed: true), runID)
        XCTAssertEqual(try store.epochs(runID: runID), [])
        XCTAssertEqual(try store.query("SELECT status, error, final_accuracy, wall_seconds FROM runs WHERE id = \(runID)").rows,
                       [["running", nil, nil, nil]])
    }

    func testClaimOfUnknownHashIsAnError() throws {
        XCTAssertThrowsError(try store.claim(configHash: "nope", owner: testOwner, retryFailed: false)) { error in
            XCTAssertTrue(String(describing: error).hasSuffix(": no run with config hash nope; register its experiment first"), "\(error)")
        }
    }

    func testReleasePutsOwnRunningRunsBackToPendingWithoutEpochs() throws {
        let mine = try XCTUnwrap(try store.claim(configHash: "h1", owner: testOwner, retryFailed: false))
        try store.recordEpoch(runID: mine, EpochRecord(epoch: 1, trainCost: 1, testCost: 1, testAccuracy: 0.5, seconds: 1))
        let samePIDElsewhere = Provenance(runnerVersion: "0.1.0", gitCommit: nil, kernels: "portable", host: "other-host", pid: testOwner.pid)
        let theirs = try XCTUnwrap(try store.claim(configHash: "h2", owner: samePIDElsewhere, retryFailed: false))
        try store.recordEpoch(runID: theirs, EpochRecord(epoch: 1, trainCost: 1, testCost: 1, testAccuracy: 0.5, seconds: 1))

        try store.release(owner: testOwner)

        XCTAssertEqual(try store.statuses(of: ["h1", "h2"]), ["h1": .pending, "h2": .running])
        XCTAssertEqual(try store.epochs(runID: mine), [])
        XCTAssertEqual(try store.epochs(runID: theirs).count, 1)
        XCTAssertEqual(try store.query("SELECT owner_pid, host, kernels, started_at FROM runs WHERE id = \(mine)").rows,
                       [[nil, nil, nil, nil]])
        XCTAssertEqual(try store.claim(configHash: "h1", owner: testOwner, retryFailed: false), mine)
    }

    /// A worker finishing its epoch after the sweep handed its run back must
    /// neither add the epoch nor finish the run.
    func testAHandedBackRunTakesNoEpochsAndCannotBeFinished() throws {
        let runID = try XCTUnwrap(try store.claim(configHash: "h1", owner: testOwner, retryFailed: false))
        try store.release(owner: testOwner)
        XCTAssertThrowsError(try store.recordEpoch(
            runID: runID, EpochRecord(epoch: 1, trainCost: 1, testCost: 1, testAccuracy: 0.5, seconds: 1))
        ) { error in
            XCTAssertTrue("\(error)".hasSuffix("run \(runID) is not running (no such run, or it was finished or handed back)"), "\(error)")
        }
        XCTAssertThrowsError(try store.finish(runID: runID, status: .done, error: nil, wallSeconds: 1))
        XCTAssertEqual(try store.epochs(runID: runID), [])
        XCTAssertEqual(try store.statuses(of: ["h1"]), ["h1": .pending])
    }

    func testAbandonedRunsAreReclaimedByPidOnThisHostAndByHeartbeatElsewhere() throws {
        let dead = try XCTUnwrap(try store.claim(configHash: "h1", owner: testOwner, retryFailed: false))
        try store.recordEpoch(runID: dead, EpochRecord(epoch: 1, trainCost: 1, testCost: 1, testAccuracy: 0.5, seconds: 1))
        let remote = Provenance(runnerVersion: "0.1.0", gitCommit: nil, kernels: "portable", host: "other-host", pid: 7)
        _ = try XCTUnwrap(try store.claim(configHash: "h2", owner: remote, retryFailed: false))

        // Our pid is dead; the other host's run has a fresh heartbeat.
        XCTAssertEqual(try store.reclaimAbandoned(host: "test-host", isAlive: { _ in false }, staleAfter: 60), ["h1"])
        XCTAssertEqual(try store.statuses(of: ["h1", "h2"]), ["h1": .pending, "h2": .running])
        XCTAssertEqual(try store.epochs(runID: dead), [])
        // A live owner keeps its run; a silent one elsewhere loses it once the heartbeat is stale.
        XCTAssertEqual(try store.reclaimAbandoned(host: "test-host", isAlive: { _ in true }, staleAfter: 60), [])
        XCTAssertEqual(try store.reclaimAbandoned(host: "test-host", isAlive: { _ in true }, staleAfter: -1), ["h2"])
    }

    func testFinishRejectsNonFinalStatus() throws {
        let runID = try XCTUnwrap(try store.claim(configHash: "h1", owner: testOwner, retryFailed: false))
        XCTAssertThrowsError(try store.finish(runID: runID, status: .running, error: nil, wallSeconds: 1))
        XCTAssertEqual(try store.statuses(of: ["h1"]), ["h1": .running])
    }

    func testDuplicateEpochIsAnErrorNamingTheStatement() throws {
        let runID = try XCTUnwrap(try store.claim(configHash: "h1", owner: testOwner, retryFailed: false))
        let epoch = EpochRecord(epoch: 1, trainCost: 1, testCost: 1, testAccuracy: 0.5, seconds: 1)
        try store.recordEpoch(runID: runID, epoch)
        XCTAssertThrowsError(try store.recordEpoch(runID: runID, epoch)) { error in
            let text = String(describing: error)
            XCTAssertTrue(text.hasPrefix(store.path + ": SQL error 1555: UNIQUE constraint failed: epochs.run_id, epochs.epoch, while executing `INSERT INTO epochs"), text)
            XCTAssertFalse(text.contains("\n"))
        }
    }
}
