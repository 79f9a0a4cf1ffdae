import Backprop
import Datasets
import Foundation
import Results
import XCTest
@testable import Sweep

/// A claimed run with a checkpoint continues after it, with the numbers of
/// an uninterrupted run; one whose checkpoint cannot be used starts over.
final class ResumeTests: XCTestCase {
    let owner = Provenance(runnerVersion: "test", gitCommit: nil, kernels: "portable", host: "here", pid: 1)

    /// A store holding the run's first `epochs` epochs and the checkpoint
    /// after the last of them (or `state` instead), as an interrupted sweep leaves it.
    private func interruptedStore(_ plan: SweepPlan, after epochs: Int, state: Data? = nil) throws -> FakeStore {
        let run = plan.runs[0]
        let split = try plan.dataset.split(
            trainLimit: run.spec.trainLimit, validationLimit: run.spec.validationLimit, testLimit: run.spec.testLimit)
        let trainer = try Trainer(
            configuration: run.spec.training, train: split.train, validation: split.validation, test: split.test)
        var records: [EpochRecord] = []
        _ = trainer.run { report in
            records.append(EpochRecord(report))
            return report.epoch < epochs ? .proceed : .stop
        }
        let store = FakeStore()
        let checkpoint = state ?? trainer.checkpoint().encoded()
        store.state.withLock { state in
            state.statuses[run.configHash] = .pending
            state.records[run.configHash] = records
            state.epochs[run.configHash] = records.map(\.epoch)
            state.checkpoints[run.configHash] = (epochs, checkpoint)
        }
        return store
    }

    private func sweep(_ plan: SweepPlan, _ store: FakeStore) -> (SweepWorkers.Summary, [SweepEvent]) {
        let events = Locked<[SweepEvent]>([])
        let summary = SweepWorkers(
            store: store, dataset: plan.dataset, owner: owner, jobs: 1, retryFailed: false, interruption: nil
        ) { event in events.withLock { $0.append(event) } }.run(FIFOScheduler(plan.runs))
        return (summary, events.withLock { $0 })
    }

    private func withoutTimes(_ records: [EpochRecord]?) -> [EpochRecord] {
        (records ?? []).map { var record = $0; record.seconds = 0; return record }
    }

    func testAnInterruptedRunTrainsOnlyTheEpochsAfterItsCheckpoint() throws {
        let plan = try makePlan(self, seeds: [1], epochs: 5)
        let hash = plan.runs[0].configHash
        let (whole, _) = sweep(plan, FakeStore())
        let reference = FakeStore()
        _ = sweep(plan, reference)

        let store = try interruptedStore(plan, after: 2)
        let (summary, events) = sweep(plan, store)

        XCTAssertEqual(summary.loggedEpochs, 3)
        XCTAssertEqual(events.prefix(2), [.started(plan.runs[0]), .resumed(plan.runs[0], afterEpoch: 2)])
        XCTAssertEqual(events.filter { if case .finishedEpoch = $0 { true } else { false } },
                       (3 ... 5).map { .finishedEpoch(plan.runs[0], epoch: $0) })
        XCTAssertEqual(withoutTimes(store.state.withLock(\.records)[hash]), withoutTimes(reference.state.withLock(\.records)[hash]))
        XCTAssertEqual(summary.outcomes.map(\.result), whole.outcomes.map(\.result))
        XCTAssertEqual(summary.outcomes.map(\.completedEpochs), [5])
        XCTAssertNil(store.state.withLock(\.checkpoints)[hash])
    }

    /// The best epoch may be one trained before the interruption.
    func testTheBestEpochCountsTheStoredEpochs() throws {
        let plan = try makePlan(self, seeds: [1], epochs: 4)
        let (whole, _) = sweep(plan, FakeStore())
        for stored in 1 ... 4 {
            let (summary, _) = sweep(plan, try interruptedStore(plan, after: stored))
            XCTAssertEqual(summary.outcomes.map(\.result), whole.outcomes.map(\.result), "after epoch \(stored)")
            XCTAssertEqual(summary.loggedEpochs, 4 - stored)
        }
    }

    func testAnUnreadableCheckpointRestartsTheRunAndSaysWhy() throws {
        let plan = try makePlan(self, seeds: [1], epochs: 3)
        let hash = plan.runs[0].configHash
        let reference = FakeStore()
        _ = sweep(plan, reference)

        let store = try interruptedStore(plan, after: 2, state: Data("not a checkpoint".utf8))
        let (summary, events) = sweep(plan, store)

        XCTAssertEqual(store.state.withLock(\.discarded), [hash])
        XCTAssertEqual(events[1], .restarted(plan.runs[0], reason: "checkpoint: not a training checkpoint (it does not start with BPCK)"))
        XCTAssertEqual(summary.loggedEpochs, 3)
        XCTAssertEqual(withoutTimes(store.state.withLock(\.records)[hash]), withoutTimes(reference.state.withLock(\.records)[hash]))
    }
}
