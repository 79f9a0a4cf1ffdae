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
    /// The hex SHA-256 of the data set the run trained on, as its
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
    public var wallSeconds: Double?
    public var startedAt: String?
    public var finishedAt: String?
    public var runnerVersion: String?
    public var gitCommit: String?
    /// The kernel variant that trained it; nil until claimed, and for runs
    /// trained before the variant was recorded.
    public var kernels: String?
    public var host: String?
}
