import Backprop
import Datasets
import Foundation
import Results

/// Trains runs on `jobs` threads, each run single-threaded through the
/// shared core, logging every epoch as it finishes.
///
/// Workers take runs from the scheduler and claim each in the database before
/// training it, so runs that are done, or claimed by another sweep on the
/// same database, are skipped. A run's numbers depend only on its
/// configuration, never on which worker trains it or when.
///
/// A failure of the database itself (disk full, locked too long) is not the
/// run's fault: no run is marked failed for it; the workers stop as after an
/// interruption and leave their runs `running` for the sweep to hand back.
///
/// ```swift
/// let workers = SweepWorkers(store: store, dataset: plan.dataset, owner: owner, jobs: 2,
///                            retryFailed: false, interruption: nil) { event in print(event) }
/// let summary = workers.run(FIFOScheduler(plan.runs))
/// ```
public struct SweepWorkers: Sendable {
    let store: any ResultsWriter
    let dataset: Dataset
    let owner: Provenance
    let jobs: Int
    let retryFailed: Bool
    let interruption: Interruption?
    let observe: @Sendable (SweepEvent) -> Void

    public init(
        store: any ResultsWriter, dataset: Dataset, owner: Provenance, jobs: Int, retryFailed: Bool,
        interruption: Interruption?, observe: @escaping @Sendable (SweepEvent) -> Void
    ) {
        self.store = store
        self.dataset = dataset
        self.owner = owner
        self.jobs = jobs
        self.retryFailed = retryFailed
        self.interruption = interruption
        self.observe = observe
    }

    /// How the workers' share of a sweep went.
    public struct Summary: Sendable {
        /// Every run's outcome, in the order they ended.
        public var outcomes: [RunOutcome] = []
        /// A signal asked the sweep to stop.
        public var interrupted = false
        /// The first write to the database that failed; the workers stopped there.
        public var databaseFailure: ResultsError?
        /// Wall time of the runs trained, and the part of it spent committing epochs.
        public var trainingSeconds = 0.0
        public var loggingSeconds = 0.0
        public var loggedEpochs = 0

        /// The runs that failed or diverged.
        public var failures: [RunOutcome] {
            outcomes.filter {
                switch $0.result {
                case .failed, .diverged: true
                default: false
                }
            }
        }
    }

    /// Trains what `scheduler` hands out until it has nothing left, a signal
    /// asks to stop, or the database fails.
    public func run(_ scheduler: RunScheduler) -> Summary {
        let summary = Locked(Summary())
        let group = DispatchGroup()
        for _ in 0 ..< max(1, jobs) {
            group.enter()
            let thread = Thread {
                defer { group.leave() }
                while !shouldStop(summary), let run = scheduler.nextRun(stopping: { shouldStop(summary) }) {
                    let outcome = train(run, scheduler: scheduler, summary: summary)
                    summary.withLock { $0.outcomes.append(outcome) }
                    observe(.finished(outcome))
                    do {
                        try scheduler.runEnded(outcome)
                    } catch let error as ResultsError {
                        noteDatabaseFailure(error, summary)
                    } catch {
                        noteDatabaseFailure(ResultsError(path: "", message: "\(error)"), summary)
                    }
                }
            }
            // Like a main thread's, so that a run's stack does not depend on --jobs.
            thread.stackSize = 8 << 20
            thread.start()
        }
        group.wait()
        return summary.withLock { summary in
            summary.interrupted = interruption?.requested == true
            return summary
        }
    }

    private func shouldStop(_ summary: Locked<Summary>) -> Bool {
        interruption?.requested == true || summary.withLock { $0.databaseFailure != nil }
    }

    private func noteDatabaseFailure(_ error: ResultsError, _ summary: Locked<Summary>) {
        summary.withLock { if $0.databaseFailure == nil { $0.databaseFailure = error } }
    }

    private func train(_ run: PlannedRun, scheduler: RunScheduler, summary: Locked<Summary>) -> RunOutcome {
        func outcome(_ result: RunOutcome.Result, epochs: Int = 0, seconds: Double = 0) -> RunOutcome {
            RunOutcome(run: run, result: result, completedEpochs: epochs, wallSeconds: seconds)
        }
        let runID: Int64
        do {
            guard let claimed = try store.claim(configHash: run.configHash, owner: owner, retryFailed: retryFailed) else {
                return outcome(.skipped)
            }
            runID = claimed
        } catch let error as ResultsError {
            noteDatabaseFailure(error, summary)
            return outcome(.databaseFailed(started: false))
        } catch {
            return outcome(.failed(message: "\(error)"))
        }

        observe(.started(run))
        let clock = ContinuousClock()
        let start = clock.now
        var completed = 0
        var trained = 0
        var earlierSeconds = 0.0
        var best: BestEpoch?
        var loggingSeconds = 0.0
        // The scheduler stopped the run at its rung's epoch.
        var reachedRung = false
        defer {
            let elapsed = (clock.now - start) / .seconds(1)
            summary.withLock {
                $0.trainingSeconds += elapsed
                $0.loggingSeconds += loggingSeconds
                $0.loggedEpochs += trained
            }
        }
        do {
            let split = try dataset.split(
                trainLimit: run.spec.trainLimit, validationLimit: run.spec.validationLimit, testLimit: run.spec.testLimit)
            let resumption = try RunResumption(run: run, runID: runID, split: split, store: store)
            if let reason = resumption.restartReason {
                observe(.restarted(run, reason: reason))
            } else if !resumption.stored.isEmpty {
                observe(.resumed(run, afterEpoch: resumption.stored.count))
            }
            let trainer = resumption.trainer
            completed = resumption.stored.count
            earlierSeconds = resumption.stored.reduce(0) { $0 + $1.seconds }
            for epoch in resumption.stored { best = BestEpoch.better(best, epoch) }
            let result = try trainer.run { report in
                let logStart = clock.now
                try store.recordEpoch(runID: runID, EpochRecord(report), checkpoint: trainer.checkpoint().encoded())
                loggingSeconds += (clock.now - logStart) / .seconds(1)
                completed = report.epoch
                trained += 1
                best = BestEpoch.better(best, report)
                observe(.finishedEpoch(run, epoch: report.epoch))
                if shouldStop(summary) { return .stop }
                let control = scheduler.afterEpoch(report, of: run)
                if case .stop = control { reachedRung = true }
                return control
            }
            // A continued run's time includes the epochs it trained before.
            let wallSeconds = earlierSeconds + (clock.now - start) / .seconds(1)
            switch result.status {
            case .completed, .stoppedEarly:
                // The trainer refuses a configuration of no epochs; no run reports a best that never was.
                guard let best else {
                    let message = "training finished without an epoch"
                    try store.finish(runID: runID, status: .failed, error: message, wallSeconds: wallSeconds)
                    return outcome(.failed(message: message), seconds: wallSeconds)
                }
                let stopReason = if case .stoppedEarly(_, let reason) = result.status { reason } else { String?.none }
                try store.finish(runID: runID, status: .done, error: nil, stopReason: stopReason, wallSeconds: wallSeconds)
                return outcome(.done(best: best, stopReason: stopReason), epochs: completed, seconds: wallSeconds)
            case .diverged(_, let reason):
                try store.finish(runID: runID, status: .diverged, error: reason, wallSeconds: wallSeconds)
                return outcome(.diverged(reason: reason), epochs: completed, seconds: wallSeconds)
            case .stopped where reachedRung:
                // Waits, pending with its checkpoint, for its rung's decision.
                try store.pause(runID: runID)
                return outcome(.paused(epoch: completed), epochs: completed, seconds: wallSeconds)
            case .stopped:
                // Handed back to the database as pending when the sweep releases its runs.
                return outcome(.interrupted, epochs: completed, seconds: wallSeconds)
            }
        } catch let error as ResultsError {
            // Left running: the sweep hands it back with its epochs up to its checkpoint.
            noteDatabaseFailure(error, summary)
            return outcome(.databaseFailed(started: true), epochs: completed, seconds: (clock.now - start) / .seconds(1))
        } catch {
            let message = "\(error)"
            let wallSeconds = (clock.now - start) / .seconds(1)
            try? store.finish(runID: runID, status: .failed, error: message, wallSeconds: wallSeconds)
            return outcome(.failed(message: message), epochs: completed, seconds: wallSeconds)
        }
    }
}
