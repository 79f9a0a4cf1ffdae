/// How one run of a sweep ended, reported once, when it ends.
///
/// ```swift
/// switch outcome.result {
/// case .done(let best, _): print("test accuracy \(best.testAccuracy) in epoch \(best.epoch)")
/// default: break
/// }
/// ```
public struct RunOutcome: Sendable, Equatable {
    public enum Result: Sendable, Equatable {
        /// Trained to its last epoch, or, when selection on the validation
        /// set ended it sooner, to the epoch `stopReason` explains; `best`
        /// is the epoch it reports.
        case done(best: BestEpoch, stopReason: String?)
        /// A cost or a weight stopped being finite.
        case diverged(reason: String)
        /// Training threw: a configuration the data cannot take, say.
        case failed(message: String)
        /// Trained to the epoch of its early-stopping rung; pending with its
        /// checkpoint until the rung is decided.
        case paused(epoch: Int)
        /// Stopped between epochs on request; the sweep hands it back as pending.
        case interrupted
        /// Done already, or claimed by another sweep on the same database.
        case skipped
        /// The database failed (full disk, locked too long), before the run
        /// started or while it trained; no fault of the run's.
        case databaseFailed(started: Bool)
    }

    public let run: PlannedRun
    public let result: Result
    /// Epochs recorded, those of an earlier, interrupted process included.
    public let completedEpochs: Int
    /// Wall-clock time of the run's training and logging.
    public let wallSeconds: Double

    public init(run: PlannedRun, result: Result, completedEpochs: Int, wallSeconds: Double) {
        self.run = run
        self.result = result
        self.completedEpochs = completedEpochs
        self.wallSeconds = wallSeconds
    }
}

extension PlannedRun: Equatable {
    public static func == (lhs: PlannedRun, rhs: PlannedRun) -> Bool {
        lhs.index == rhs.index && lhs.configHash == rhs.configHash
    }
}

/// What a sweep tells the one watching it, as it happens; a front end
/// renders these (a terminal line, a log, a web page).
public enum SweepEvent: Sendable, Equatable {
    /// A run was claimed and starts training.
    case started(PlannedRun)
    /// A claimed run continues from its checkpoint after this epoch.
    case resumed(PlannedRun, afterEpoch: Int)
    /// A claimed run's checkpoint could not be used (`reason`): its epochs
    /// were deleted and it trains from the start.
    case restarted(PlannedRun, reason: String)
    /// A run finished an epoch (1-based) and recorded it.
    case finishedEpoch(PlannedRun, epoch: Int)
    /// A run's turn ended, however it ended.
    case finished(RunOutcome)
    /// Early stopping decided a rung: its runs that go on and those pruned.
    case decided(RungDecided)
}
