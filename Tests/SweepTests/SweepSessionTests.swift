import Datasets
import Results
import XCTest
@testable import Sweep

/// A sweep's beginning and end with a store in memory: which runs it trains,
/// what it hands back, and how it takes stock.
final class SweepSessionTests: XCTestCase {
    let owner = Provenance(runnerVersion: "test", gitCommit: nil, kernels: "portable", host: "here", pid: 1)

    /// Done runs are left; failed and diverged ones only when retried; a run
    /// another process is training stays in (it is reported as claimed
    /// elsewhere); only this process's shard counts.
    func testPrepareRegistersThePlanAndPicksTheRunsToTrain() throws {
        let plan = try makePlan(self, seeds: [1, 2, 3, 4, 5], epochs: 1)
        let hashes = plan.runs.map(\.configHash)
        let store = FakeStore()
        store.state.withLock { state in
            state.statuses = [hashes[0]: .done, hashes[1]: .failed, hashes[2]: .running, hashes[3]: .diverged]
        }

        let start = try SweepSession(plan: plan, store: store, owner: owner).prepare()
        XCTAssertEqual(store.state.withLock(\.registered), hashes)
        XCTAssertEqual(start.todo.map(\.index), [2, 4])
        XCTAssertEqual(start.reclaimed, [])

        let retrying = try SweepSession(plan: plan, store: store, owner: owner, retryFailed: true).prepare()
        XCTAssertEqual(retrying.todo.map(\.index), [1, 2, 3, 4])

        let shard = try SweepSession(plan: plan, store: store, owner: owner, mine: [hashes[0], hashes[4]]).prepare()
        XCTAssertEqual(shard.todo.map(\.index), [4])
    }

    /// This sweep's failures first, then those an earlier sweep left and this
    /// one did not retry, with their recorded errors.
    func testTakingStockListsTheRunsThatDidNotFinish() throws {
        let plan = try makePlan(self, seeds: [1, 2, 3, 4], epochs: 1)
        let hashes = plan.runs.map(\.configHash)
        let store = FakeStore()
        store.state.withLock { state in
            state.statuses = [hashes[0]: .done, hashes[1]: .diverged, hashes[2]: .failed, hashes[3]: .pending]
            state.errors = [hashes[1]: "training cost is nan in epoch 3", hashes[2]: "out of memory"]
        }
        let session = SweepSession(plan: plan, store: store, owner: owner)
        var summary = SweepWorkers.Summary()
        summary.outcomes = [
            RunOutcome(run: plan.runs[1], result: .diverged(reason: "training cost is nan in epoch 3"), completedEpochs: 2, wallSeconds: 1),
            RunOutcome(run: plan.runs[0], result: .done(best: BestEpoch(epoch: 1, testAccuracy: 0.9, validationAccuracy: 0.92), stopReason: nil), completedEpochs: 1, wallSeconds: 1),
        ]

        let stock = try session.takeStock(after: summary)
        XCTAssertEqual(stock.remaining, 3)
        XCTAssertEqual(stock.mineDone, 1)
        XCTAssertEqual(stock.statuses, [hashes[0]: .done, hashes[1]: .diverged, hashes[2]: .failed, hashes[3]: .pending])
        XCTAssertEqual(stock.unfinished.map(\.run.index), [1, 2])
        XCTAssertEqual(stock.unfinished.map(\.status), [.diverged, .failed])
        XCTAssertEqual(
            stock.unfinished.map(\.message),
            ["training cost is nan in epoch 3", "out of memory (in an earlier sweep)"])
    }

    /// A sweep that trains and is then asked to hand back leaves no run
    /// running and no partial epochs.
    func testHandingBackReturnsRunningRunsToPending() throws {
        let plan = try makePlan(self, seeds: [1, 2], epochs: 1)
        let store = FakeStore()
        let session = SweepSession(plan: plan, store: store, owner: owner)
        _ = try session.prepare()
        XCTAssertEqual(try store.claim(configHash: plan.runs[1].configHash, owner: owner, retryFailed: false), 0)

        try session.handBack()
        XCTAssertEqual(store.state.withLock(\.released), [plan.runs[1].configHash])
        XCTAssertEqual(store.state.withLock(\.statuses)[plan.runs[1].configHash], .pending)
    }

    /// train() hands the runs to the workers in order and says how it went.
    func testTrainRunsTheGivenRuns() throws {
        let plan = try makePlan(self, seeds: [1, 2, 3], epochs: 1)
        let store = FakeStore()
        let session = SweepSession(plan: plan, store: store, owner: owner)
        let start = try session.prepare()
        let summary = session.train(Array(start.todo.suffix(2)), jobs: 4, interruption: nil) { _ in }
        XCTAssertEqual(store.state.withLock(\.claims).sorted(), plan.runs.suffix(2).map(\.configHash).sorted())
        XCTAssertEqual(summary.outcomes.count, 2)
        XCTAssertEqual(try session.takeStock(after: summary).remaining, 1)
    }
}
