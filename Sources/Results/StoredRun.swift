/// Everything the database holds about one run but its epochs: what was
/// asked, how it ended, and what trained it.
///
/// ```swift
/// if let run = try store.run(id: 7) {
///     print(run.record.layers, run.datasetChecksum ?? "unknown", run.status, run.bestAccuracy ?? .nan)
/// }
/// ```
public struct StoredRun: Sendable, Equatable {
    public var id: Int64
    /// The experiment that first created the run.
    public var experiment: String
    public var record: RunRecord
    /// The hex SHA-256 of the dataset the run trained on, as its
    /// configuration (``RunRecord/paramsJSON``) records it; nil when that
    /// records none.
    public var datasetChecksum: String?
    /// The arithmetic the run's numbers come from, as its `params_json`
    /// records it; nil when that has none.
    public var hashVersion: Int?
    public var status: RunStatus
    public var error: String?
    public var finalAccuracy: Double?
    public var bestAccuracy: Double?
    public var bestEpoch: Int?
    public var finalTrainCost: Double?
    /// Why `patience` or `etaHalving` ended the run before its epochs; nil
    /// when it trained them all, or is not done.
    public var stopReason: String?
    /// The highest validation accuracy over the epochs; nil without a validation set.
    public var bestValidationAccuracy: Double?
    /// The first epoch reaching `bestValidationAccuracy`.
    public var bestValidationEpoch: Int?
    /// The test accuracy in `bestValidationEpoch`: the number to report.
    /// `bestAccuracy` is chosen on the test set itself, so it is optimistic.
    public var testAccuracyAtBestValidation: Double?
    public var wallSeconds: Double?
    public var startedAt: String?
    public var finishedAt: String?
    public var runnerVersion: String?
    public var gitCommit: String?
    /// The kernel variant that trained it; nil until claimed, and for runs
    /// trained before the variant was recorded.
    public var kernels: String?
    public var host: String?

    /// A run as a store reads it back; stores of other backends build it too.
    public init(
        id: Int64, experiment: String, record: RunRecord, datasetChecksum: String? = nil, hashVersion: Int? = nil,
        status: RunStatus, error: String? = nil, finalAccuracy: Double? = nil, bestAccuracy: Double? = nil,
        bestEpoch: Int? = nil, finalTrainCost: Double? = nil, stopReason: String? = nil,
        bestValidationAccuracy: Double? = nil, bestValidationEpoch: Int? = nil,
        testAccuracyAtBestValidation: Double? = nil, wallSeconds: Double? = nil, startedAt: String? = nil,
        finishedAt: String? = nil, runnerVersion: String? = nil, gitCommit: String? = nil, kernels: String? = nil,
        host: String? = nil
    ) {
        self.id = id
        self.experiment = experiment
        self.record = record
        self.datasetChecksum = datasetChecksum
        self.hashVersion = hashVersion
        self.status = status
        self.error = error
        self.finalAccuracy = finalAccuracy
        self.bestAccuracy = bestAccuracy
        self.bestEpoch = bestEpoch
        self.finalTrainCost = finalTrainCost
        self.stopReason = stopReason
        self.bestValidationAccuracy = bestValidationAccuracy
        self.bestValidationEpoch = bestValidationEpoch
        self.testAccuracyAtBestValidation = testAccuracyAtBestValidation
        self.wallSeconds = wallSeconds
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.runnerVersion = runnerVersion
        self.gitCommit = gitCommit
        self.kernels = kernels
        self.host = host
    }
}
