import Backprop
import Datasets
import Foundation
import Results

/// Trains a plan's runs on `jobs` threads, each run single-threaded through
/// the shared core, logging every epoch as it finishes.
///
/// Workers take runs in plan order and claim each in the database before
/// training it, so runs that are done, or claimed by another sweep on the
/// same database, are skipped. A run's numbers depend only on its
/// configuration, never on which worker trains it or when.
///
/// A failure of the database itself (disk full, locked too long) is not the
/// run's fault: no run is marked failed for it; the workers stop as after an
/// interruption and leave their runs `running` for the sweep to hand back.
struct SweepWorkers {
    let store: any ResultsWriter
    let plan: ExperimentPlan
    let owner: Provenance
    let jobs: Int
    let retryFailed: Bool
    let progress: SweepProgress
    let interruption: Interruption?

    struct Failure: Sendable {
        let run: PlannedRun
        let status: RunStatus
        let message: String
    }

    struct Outcome: Sendable {
        var failures: [Failure] = []
        var interrupted = false
        /// The first write to the database that failed; the sweep stopped there.
        var databaseFailure: ResultsError?
        /// Wall time of the runs trained, and the part of it spent committing epochs.
        var trainingSeconds = 0.0
        var loggingSeconds = 0.0
        var loggedEpochs = 0
    }

    func run(_ runs: [PlannedRun]) -> Outcome {
        let next = Locked(0)
        let outcome = Locked(Outcome())
        let group = DispatchGroup()
        for _ in 0 ..< max(1, min(jobs, runs.count)) {
            group.enter()
            let thread = Thread {
                defer { group.leave() }
                while !shouldStop(outcome) {
                    let index = next.withLock { index -> Int? in
                        defer { index += 1 }
                        return index < runs.count ? index : nil
                    }
                    guard let index else { return }
                    train(runs[index], outcome: outcome)
                }
            }
            // Big enough for BLAS kernels' stack buffers, like a main thread's.
            thread.stackSize = 8 << 20
            thread.start()
        }
        group.wait()
        return outcome.withLock { outcome in
            outcome.interrupted = interruption?.requested == true
            return outcome
        }
    }

    private func shouldStop(_ outcome: Locked<Outcome>) -> Bool {
        interruption?.requested == true || outcome.withLock { $0.databaseFailure != nil }
    }

    private func train(_ run: PlannedRun, outcome: Locked<Outcome>) {
        let label = run.label(varying: plan.experiment.gridKeys)
        let epochs = run.spec.training.epochs
        let runID: Int64
        do {
            guard let claimed = try store.claim(configHash: run.configHash, owner: owner, retryFailed: retryFailed) else {
                progress.finished(run: run.index, label: label, epochs: epochs, completedEpochs: epochs, summary: "skipped: done or claimed elsewhere")
                return
            }
            runID = claimed
        } catch let error as ResultsError {
            outcome.withLock { if $0.databaseFailure == nil { $0.databaseFailure = error } }
            progress.finished(run: run.index, label: label, epochs: epochs, completedEpochs: 0, summary: "not started: the database failed")
            return
        } catch {
            let failure = Failure(run: run, status: .failed, message: "\(error)")
            outcome.withLock { $0.failures.append(failure) }
            progress.finished(run: run.index, label: label, epochs: epochs, completedEpochs: 0, summary: "failed: \(error)")
            return
        }

        progress.started(run: run.index, label: label, epochs: epochs)
        let clock = ContinuousClock()
        let start = clock.now
        var completed = 0
        var best: (accuracy: Double, epoch: Int) = (-1, 0)
        var loggingSeconds = 0.0
        defer {
            let elapsed = (clock.now - start).seconds
            outcome.withLock {
                $0.trainingSeconds += elapsed
                $0.loggingSeconds += loggingSeconds
                $0.loggedEpochs += completed
            }
        }
        do {
            let (train, test) = try plan.dataset.split(trainLimit: run.spec.trainLimit, testLimit: run.spec.testLimit)
            let trainer = try Trainer(configuration: run.spec.training, train: train, test: test)
            let result = try trainer.run { report in
                let logStart = clock.now
                try store.recordEpoch(runID: runID, EpochRecord(
                    epoch: report.epoch, trainCost: report.trainCost, testCost: report.testCost,
                    testAccuracy: report.testAccuracy, seconds: report.seconds))
                loggingSeconds += (clock.now - logStart).seconds
                completed = report.epoch
                if report.testAccuracy > best.accuracy { best = (report.testAccuracy, report.epoch) }
                progress.finishedEpoch(run: run.index, epoch: report.epoch)
                return shouldStop(outcome) ? .stop : .proceed
            }
            let wallSeconds = (clock.now - start).seconds
            switch result.status {
            case .completed:
                try store.finish(runID: runID, status: .done, error: nil, wallSeconds: wallSeconds)
                progress.finished(
                    run: run.index, label: label, epochs: epochs, completedEpochs: completed,
                    summary: String(format: "done  best %.4f (epoch %d)  %@", best.accuracy, best.epoch, formatDuration(wallSeconds)))
            case .diverged(_, let reason):
                try store.finish(runID: runID, status: .diverged, error: reason, wallSeconds: wallSeconds)
                outcome.withLock { $0.failures.append(Failure(run: run, status: .diverged, message: reason)) }
                progress.finished(run: run.index, label: label, epochs: epochs, completedEpochs: completed, summary: "diverged: \(reason)")
            case .stopped:
                // Handed back to the database as pending when the sweep releases its runs.
                progress.finished(run: run.index, label: label, epochs: epochs, completedEpochs: completed, summary: "interrupted")
            }
        } catch let error as ResultsError {
            // Left running: the sweep hands it back with its partial epochs deleted.
            outcome.withLock { if $0.databaseFailure == nil { $0.databaseFailure = error } }
            progress.finished(run: run.index, label: label, epochs: epochs, completedEpochs: completed, summary: "stopped: the database failed")
        } catch {
            let message = "\(error)"
            try? store.finish(runID: runID, status: .failed, error: message, wallSeconds: (clock.now - start).seconds)
            outcome.withLock { $0.failures.append(Failure(run: run, status: .failed, message: message)) }
            progress.finished(run: run.index, label: label, epochs: epochs, completedEpochs: completed, summary: "failed: \(message)")
        }
    }
}
