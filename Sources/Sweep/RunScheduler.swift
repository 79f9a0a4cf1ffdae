import Backprop
import Datasets
import Foundation

/// Decides which run trains next and whether a run goes on after an epoch.
///
/// Workers ask `nextRun(stopping:)` whenever they are free, from several
/// threads at once, and say when each run's turn ends. Grid and sampled
/// sweeps train every run in plan order to its last epoch (`FIFOScheduler`);
/// early-stopped ones train runs rung by rung (`SearchScheduler`).
public protocol RunScheduler: AnyObject, Sendable {
    /// The next run to train, or nil when none is left or `stopping()`
    /// says so. May wait for runs in flight when the next work depends on them.
    func nextRun(stopping: () -> Bool) -> PlannedRun?
    /// Whether `run` trains on after `report`, its latest epoch.
    func afterEpoch(_ report: EpochReport, of run: PlannedRun) -> TrainingControl
    /// Told once a run's turn ends, however it ended, before its worker asks
    /// for the next run.
    /// - Throws: ``ResultsError`` when storing what followed from it failed.
    func runEnded(_ outcome: RunOutcome) throws
}

/// The runs in the order given, each to its last epoch.
public final class FIFOScheduler: RunScheduler {
    private let runs: [PlannedRun]
    private let next = Locked(0)

    public init(_ runs: [PlannedRun]) {
        self.runs = runs
    }

    public func nextRun(stopping: () -> Bool) -> PlannedRun? {
        next.withLock { index in
            defer { index += 1 }
            return index < runs.count ? runs[index] : nil
        }
    }

    public func afterEpoch(_ report: EpochReport, of run: PlannedRun) -> TrainingControl { .proceed }

    public func runEnded(_ outcome: RunOutcome) throws {}
}
