/// Which runs a sweep trains, in one place: the sweep picks its runs and the
/// store grants claims by these rules.
extension RunStatus {
    /// Whether a sweep has this run still to train: anything not done or
    /// pruned, and failed or diverged runs only when they are retried. A run `running`
    /// in another process counts, so a sweep reports it as claimed elsewhere.
    public func awaitsTraining(retryFailed: Bool) -> Bool {
        switch self {
        case .pending, .running: true
        case .failed, .diverged: retryFailed
        case .done, .pruned: false
        }
    }

    /// Whether a sweep may claim the run now: as `awaitsTraining`, but not
    /// while another process trains it.
    public func isClaimable(retryFailed: Bool) -> Bool {
        self != .running && awaitsTraining(retryFailed: retryFailed)
    }
}
