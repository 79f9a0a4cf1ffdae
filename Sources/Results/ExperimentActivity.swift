/// How far an experiment's sweep has come, for a progress bar and an
/// estimate of the time left.
///
/// ```swift
/// if let activity = try results.activity()["eta"], let left = activity.secondsLeft {
///     print("\(activity.epochsTrained) of \(activity.epochsPlanned) epochs, about \(Int(left)) s left")
/// }
/// ```
public struct ExperimentActivity: Sendable, Equatable {
    /// Epochs asked for by the runs that can still train or have trained
    /// (all but `failed` and `diverged`); a `done` run stopped early counts
    /// the epochs it trained.
    public var epochsPlanned: Int
    /// Epochs stored for those runs.
    public var epochsTrained: Int
    /// Runs training now.
    public var runningRuns: Int
    /// The mean wall-clock seconds of the experiment's stored epochs; nil
    /// before any epoch.
    public var meanEpochSeconds: Double?
    /// The latest time any of its runs was claimed, finished or gave a
    /// heartbeat (ISO 8601, UTC); nil when none has started.
    public var lastActivity: String?

    public init(epochsPlanned: Int, epochsTrained: Int, runningRuns: Int, meanEpochSeconds: Double?, lastActivity: String?) {
        self.epochsPlanned = epochsPlanned
        self.epochsTrained = epochsTrained
        self.runningRuns = runningRuns
        self.meanEpochSeconds = meanEpochSeconds
        self.lastActivity = lastActivity
    }

    /// The seconds the epochs left would take at the mean epoch's pace,
    /// shared by the runs training now; nil when nothing is training or no
    /// epoch has been timed.
    public var secondsLeft: Double? {
        guard runningRuns > 0, let meanEpochSeconds else { return nil }
        return Double(max(0, epochsPlanned - epochsTrained)) * meanEpochSeconds / Double(runningRuns)
    }
}
