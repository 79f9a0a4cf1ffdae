import Backprop
import Datasets
import Foundation

/// Decides which run trains next and whether a run goes on after an epoch.
///
/// Workers ask `nextRun()` whenever they are free, from several threads at
/// once. Today's sweeps train every run in plan order to its last epoch
/// (`FIFOScheduler`); searches that sample or stop runs early decide here.
public protocol RunScheduler: AnyObject, Sendable {
    /// The next run to train, or nil when none is left.
    func nextRun() -> PlannedRun?
    /// Whether `run` trains on after `report`, its latest epoch.
    func afterEpoch(_ report: EpochReport, of run: PlannedRun) -> TrainingControl
}

/// The runs in the order given, each to its last epoch.
public final class FIFOScheduler: RunScheduler {
    private let runs: [PlannedRun]
    private let next = Locked(0)

    public init(_ runs: [PlannedRun]) {
        self.runs = runs
    }

    public func nextRun() -> PlannedRun? {
        next.withLock { index in
            defer { index += 1 }
            return index < runs.count ? runs[index] : nil
        }
    }

    public func afterEpoch(_ report: EpochReport, of run: PlannedRun) -> TrainingControl { .proceed }
}
