/// Early stopping's verdict on one run at one rung: the metric it reached
/// at the rung's epoch, where that ranks it among the rung's runs, and
/// whether it trains on. Stored in `decisions` (Schema.swift).
public struct Decision: Sendable, Equatable {
    public enum Verdict: String, Sendable { case promote, prune }

    public var runID: Int64
    /// Hyperband's bracket; 0 for successive halving and the median rule.
    public var bracket: Int
    /// 0-based; its epoch is `min_epochs · reduction^rung`.
    public var rung: Int
    public var epoch: Int
    /// The metric's name, e.g. `validation_accuracy`.
    public var metric: String
    public var value: Double
    /// The metric value of the last run promoted (successive halving,
    /// hyperband), or the median (median rule).
    public var threshold: Double
    /// 1-based among the `rungSize` runs ranked at the rung, best first,
    /// ties broken by config hash.
    public var rank: Int
    public var rungSize: Int
    public var verdict: Verdict
    /// Set by the store when it records the decision; ignored when writing.
    public var decidedAt: String?

    public init(
        runID: Int64, bracket: Int, rung: Int, epoch: Int, metric: String, value: Double, threshold: Double,
        rank: Int, rungSize: Int, verdict: Verdict, decidedAt: String? = nil
    ) {
        self.runID = runID
        self.bracket = bracket
        self.rung = rung
        self.epoch = epoch
        self.metric = metric
        self.value = value
        self.threshold = threshold
        self.rank = rank
        self.rungSize = rungSize
        self.verdict = verdict
        self.decidedAt = decidedAt
    }
}
