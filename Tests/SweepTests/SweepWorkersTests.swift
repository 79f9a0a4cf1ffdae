import Backprop
import Datasets
import Experiments
import Foundation
import Results
import XCTest
@testable import Sweep

/// The workers with a store in memory: the order runs train in, what each
/// run's outcome and events are, and how a refused claim, a failing
/// database, a diverging run and an interruption end a run.
final class SweepWorkersTests: XCTestCase {
    let owner = Provenance(runnerVersion: "test", gitCommit: nil, kernels: "portable", host: "here", pid: 1)

    /// Three runs on one job: claimed in plan order, every epoch recorded
    /// with its η and its numbers on the default validation set (MNIST's
    /// last 10,000 training images), each finished as done, reporting the
    /// epoch its validation accuracy chose, and reported once, after its epochs.
    func testOneJobTrainsEveryRunInPlanOrder() throws {
        let plan = try makePlan(self, seeds: [1, 2, 3], epochs: 2)
        let store = FakeStore()
        let events = Locked<[SweepEvent]>([])
        let summary = workers(plan, store, jobs: 1) { event in events.withLock { $0.append(event) } }
            .run(FIFOScheduler(plan.runs))

        let hashes = plan.runs.map(\.configHash)
        XCTAssertEqual(store.state.withLock(\.claims), hashes)
        XCTAssertEqual(store.state.withLock(\.epochs), Dictionary(uniqueKeysWithValues: hashes.map { ($0, [1, 2]) }))
        XCTAssertEqual(store.state.withLock(\.finishes), hashes.map { FakeStore.Finish(configHash: $0, status: .done, error: nil) })
        XCTAssertEqual(summary.outcomes.map(\.run.index), [0, 1, 2])
        XCTAssertEqual(summary.outcomes.map(\.completedEpochs), [2, 2, 2])
        XCTAssertEqual(summary.loggedEpochs, 6)
        XCTAssertFalse(summary.interrupted)
        XCTAssertNil(summary.databaseFailure)
        XCTAssertEqual(summary.failures.count, 0)
        for outcome in summary.outcomes {
            guard case .done(let best, let stopReason) = outcome.result else { return XCTFail("\(outcome.result)") }
            XCTAssertNil(stopReason)
            let records = try XCTUnwrap(store.state.withLock(\.records)[outcome.run.configHash])
            XCTAssertEqual(records.map(\.eta), [3, 3])
            let validation = records.compactMap(\.validationAccuracy)
            XCTAssertEqual(validation.count, 2)
            XCTAssertEqual(records.compactMap(\.validationCost).count, 2)
            let chosen = try XCTUnwrap(records.first { $0.validationAccuracy == validation.max() })
            XCTAssertEqual(best, BestEpoch(
                epoch: chosen.epoch, testAccuracy: chosen.testAccuracy, validationAccuracy: chosen.validationAccuracy))
            XCTAssertTrue(best.isChosenOnValidation)
        }
        let expected: [SweepEvent] = summary.outcomes.flatMap { outcome -> [SweepEvent] in
            [.started(outcome.run), .finishedEpoch(outcome.run, epoch: 1), .finishedEpoch(outcome.run, epoch: 2), .finished(outcome)]
        }
        XCTAssertEqual(events.withLock { $0 }, expected)
    }

    /// Two jobs share the runs; each run is claimed and finished once.
    func testTwoJobsTrainEachRunOnce() throws {
        let plan = try makePlan(self, seeds: [1, 2, 3, 4, 5], epochs: 1)
        let store = FakeStore()
        let summary = workers(plan, store, jobs: 2).run(FIFOScheduler(plan.runs))

        XCTAssertEqual(Set(store.state.withLock(\.claims)), Set(plan.runs.map(\.configHash)))
        XCTAssertEqual(store.state.withLock(\.claims).count, 5)
        XCTAssertEqual(summary.outcomes.map(\.run.index).sorted(), [0, 1, 2, 3, 4])
    }

    func testARunClaimedElsewhereIsSkippedWithoutStarting() throws {
        let plan = try makePlan(self, seeds: [1, 2], epochs: 1)
        let store = FakeStore(claimedElsewhere: [plan.runs[0].configHash])
        let events = Locked<[SweepEvent]>([])
        let summary = workers(plan, store, jobs: 1) { event in events.withLock { $0.append(event) } }
            .run(FIFOScheduler(plan.runs))

        XCTAssertEqual(summary.outcomes.first, RunOutcome(run: plan.runs[0], result: .skipped, completedEpochs: 0, wallSeconds: 0))
        XCTAssertEqual(events.withLock { $0 }.first, .finished(summary.outcomes[0]))
        XCTAssertEqual(store.state.withLock(\.claims), [plan.runs[1].configHash])
    }

    /// A failing write stops every worker and blames no run: the run stays
    /// running for the hand-back, nothing after it starts.
    func testADatabaseFailureStopsTheSweepAndBlamesNoRun() throws {
        let plan = try makePlan(self, seeds: [1, 2, 3], epochs: 3)
        let store = FakeStore(failingEpoch: (plan.runs[1].configHash, 2))
        let summary = workers(plan, store, jobs: 1).run(FIFOScheduler(plan.runs))

        XCTAssertEqual(summary.databaseFailure, ResultsError(path: "fake", message: "database or disk is full"))
        XCTAssertEqual(summary.outcomes.map(\.result), [
            .done(best: try XCTUnwrap(best(summary.outcomes[0])), stopReason: nil), .databaseFailed(started: true),
        ])
        XCTAssertEqual(summary.outcomes[1].completedEpochs, 1)
        XCTAssertEqual(store.state.withLock(\.finishes).map(\.configHash), [plan.runs[0].configHash])
        XCTAssertEqual(store.state.withLock(\.statuses)[plan.runs[1].configHash], .running)
        XCTAssertEqual(store.state.withLock(\.claims).count, 2)
        XCTAssertEqual(summary.failures.count, 0)
    }

    /// A claim that throws something else fails that run, and the sweep goes on.
    func testAClaimThatFailsFailsItsRunOnly() throws {
        let plan = try makePlan(self, seeds: [1, 2], epochs: 1)
        let store = FakeStore(unclaimable: plan.runs[0].configHash)
        let summary = workers(plan, store, jobs: 1).run(FIFOScheduler(plan.runs))

        XCTAssertEqual(summary.outcomes.map(\.result).first, .failed(message: "the run cannot be claimed"))
        XCTAssertEqual(summary.failures.map(\.run.index), [0])
        XCTAssertEqual(store.state.withLock(\.finishes).map(\.status), [.done])
    }

    func testADivergingRunIsFinishedAsDivergedWithItsReason() throws {
        let plan = try makePlan(self, seeds: [1], epochs: 3, eta: 1e300)
        let store = FakeStore()
        let summary = workers(plan, store, jobs: 1).run(FIFOScheduler(plan.runs))

        let finish = try XCTUnwrap(store.state.withLock(\.finishes).first)
        XCTAssertEqual(finish.status, .diverged)
        XCTAssertEqual(summary.outcomes.map(\.result), [.diverged(reason: try XCTUnwrap(finish.error))])
        XCTAssertEqual(summary.failures.map(\.run.index), [0])
        XCTAssertEqual(summary.outcomes[0].completedEpochs, 0)
    }

    /// Patience ends a run before its epochs: done, with the reason in the
    /// finish and the outcome, reporting the epoch its validation accuracy chose.
    func testPatienceEndsARunAsDoneWithItsReason() throws {
        let plan = try makePlan(self, seeds: [1], epochs: 1)
        let run = planned(plan) { spec in
            spec.training.epochs = 30
            spec.training.patience = 1
        }
        let store = FakeStore()
        let summary = workers(plan, store, jobs: 1).run(FIFOScheduler([run]))

        // Validation accuracy climbs to 0.2046 in epoch 10 and falls to 0.2042 in epoch 11.
        let records = try XCTUnwrap(store.state.withLock(\.records)[run.configHash])
        XCTAssertEqual(records.map(\.epoch), Array(1 ... 11))
        XCTAssertEqual(records.suffix(2).map(\.validationAccuracy), [0.2046, 0.2042])
        let reason = "no new best validation accuracy in 1 epoch"
        XCTAssertEqual(store.state.withLock(\.finishes), [
            FakeStore.Finish(configHash: run.configHash, status: .done, error: nil, stopReason: reason),
        ])
        XCTAssertEqual(summary.outcomes, [
            RunOutcome(
                run: run, result: .done(best: BestEpoch(epoch: 10, testAccuracy: 0.24, validationAccuracy: 0.2046), stopReason: reason),
                completedEpochs: 11, wallSeconds: summary.outcomes[0].wallSeconds),
        ])
    }

    /// Without a validation set, the run reports its best test epoch,
    /// chosen on the test set.
    func testARunWithoutAValidationSetIsChosenOnTheTestSet() throws {
        let plan = try makePlan(self, seeds: [1], epochs: 3)
        let run = planned(plan) { $0.validationLimit = 0 }
        let store = FakeStore()
        let summary = workers(plan, store, jobs: 1).run(FIFOScheduler([run]))

        let records = try XCTUnwrap(store.state.withLock(\.records)[run.configHash])
        XCTAssertEqual(records.map(\.validationAccuracy), [nil, nil, nil])
        XCTAssertEqual(records.map(\.validationCost), [nil, nil, nil])
        let chosen = try XCTUnwrap(records.first { $0.testAccuracy == records.map(\.testAccuracy).max() })
        XCTAssertEqual(summary.outcomes.map(\.result), [
            .done(best: BestEpoch(epoch: chosen.epoch, testAccuracy: chosen.testAccuracy, validationAccuracy: nil),
                  stopReason: nil),
        ])
        XCTAssertEqual(store.state.withLock(\.finishes).map(\.stopReason), [nil])
    }

    /// Asked to stop in the middle of a run: the epoch in flight finishes,
    /// the run ends interrupted and unfinished, and no other run starts.
    func testAnInterruptionStopsBetweenEpochs() throws {
        let plan = try makePlan(self, seeds: [1, 2], epochs: 4)
        let store = FakeStore()
        let interruption = Interruption(signals: [], onFirstSignal: {}, onSecondSignal: { _ in fatalError("second signal") })
        let summary = workers(plan, store, jobs: 1, interruption: interruption) { event in
            if event == .finishedEpoch(plan.runs[0], epoch: 2) { interruption.receive(SIGINT) }
        }.run(FIFOScheduler(plan.runs))

        XCTAssertTrue(summary.interrupted)
        XCTAssertEqual(interruption.exitCode, 130)
        XCTAssertEqual(summary.outcomes.map(\.result), [.interrupted])
        XCTAssertEqual(summary.outcomes[0].completedEpochs, 2)
        XCTAssertEqual(store.state.withLock(\.claims), [plan.runs[0].configHash])
        XCTAssertEqual(store.state.withLock(\.finishes), [])
    }

    /// The first signal asks; the second stops at once.
    func testTheSecondSignalStopsAtOnce() {
        let calls = Locked<[String]>([])
        let interruption = Interruption(
            signals: [], onFirstSignal: { calls.withLock { $0.append("first") } },
            onSecondSignal: { code in calls.withLock { $0.append("second \(code)") }; Thread.exit(); fatalError() })
        interruption.receive(SIGTERM)
        XCTAssertTrue(interruption.requested)
        XCTAssertEqual(interruption.exitCode, 143)
        let second = Thread { interruption.receive(SIGINT) }
        let done = expectation(description: "second signal handled")
        let watcher = Thread {
            while calls.withLock({ $0.count }) < 2 { usleep(1000) }
            done.fulfill()
        }
        second.start()
        watcher.start()
        wait(for: [done], timeout: 10)
        XCTAssertEqual(calls.withLock { $0 }, ["first", "second 130"])
        XCTAssertEqual(interruption.exitCode, 143, "the code of the first signal")
    }

    func testTheFIFOSchedulerHandsOutEveryRunOnceInOrder() throws {
        let plan = try makePlan(self, seeds: Array(1 ... 50), epochs: 1)
        let scheduler = FIFOScheduler(plan.runs)
        let handed = Locked<[Int]>([])
        DispatchQueue.concurrentPerform(iterations: 4) { _ in
            while let run = scheduler.nextRun(stopping: { false }) { handed.withLock { $0.append(run.index) } }
        }
        XCTAssertEqual(handed.withLock { $0 }.sorted(), Array(0 ..< 50))
        XCTAssertNil(scheduler.nextRun(stopping: { false }))

        let one = FIFOScheduler(Array(plan.runs.prefix(3)))
        XCTAssertEqual([one.nextRun(stopping: { false }), one.nextRun(stopping: { false }), one.nextRun(stopping: { false })].map { $0?.index }, [0, 1, 2])
    }

    private func workers(
        _ plan: SweepPlan, _ store: FakeStore, jobs: Int, interruption: Interruption? = nil,
        observe: @escaping @Sendable (SweepEvent) -> Void = { _ in }
    ) -> SweepWorkers {
        SweepWorkers(
            store: store, dataset: plan.dataset, owner: owner, jobs: jobs, retryFailed: false, interruption: interruption,
            observe: observe)
    }

    private func best(_ outcome: RunOutcome) -> BestEpoch? {
        if case .done(let best, _) = outcome.result { return best }
        return nil
    }

    /// The plan's first run, changed.
    private func planned(_ plan: SweepPlan, _ change: (inout RunSpec) -> Void) -> PlannedRun {
        var spec = plan.runs[0].spec
        change(&spec)
        return PlannedRun(index: 0, spec: spec, datasetChecksum: plan.dataset.checksum)
    }
}
