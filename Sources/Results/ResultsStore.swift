/// Where a sweep's runs and their per-epoch measurements are kept.
///
/// The store is the only writer of the results database; `runner` talks to it
/// through this protocol so that another backend (PostgreSQL) can stand beside
/// ``SQLiteResultsStore`` without the callers changing.
///
/// A worker's life cycle for one run:
///
/// ```swift
/// let store = try SQLiteResultsStore(path: "results/results.sqlite")
/// let statuses = try store.register(experiment, runs: runs)
/// if let runID = try store.claim(configHash: run.configHash, owner: me, retryFailed: false) {
///     for epoch in training { try store.recordEpoch(runID: runID, epoch) }
///     try store.finish(runID: runID, status: .done, error: nil, wallSeconds: 12.5)
/// }
/// ```
public protocol ResultsStore: Sendable {
    /// Upserts the experiment (a re-registration replaces its description and
    /// spec), inserts the runs not yet known as `pending`, and links exactly
    /// these runs into the experiment in the given order, all in one
    /// transaction. Runs linked by an earlier registration but missing from
    /// `runs` are unlinked from this experiment (their rows stay).
    ///
    /// - Returns: each config hash's current status.
    func register(_ experiment: ExperimentRecord, runs: [RunRecord]) throws -> [String: RunStatus]

    /// Current statuses of the given hashes, writing nothing (for `--dry-run`).
    /// Unknown hashes are absent from the result.
    func statuses(of configHashes: [String]) throws -> [String: RunStatus]

    /// Atomically turns a `pending` run (or, with `retryFailed`, a `failed` or
    /// `diverged` one) into `running` owned by `owner`, deleting any partial
    /// epochs it has.
    ///
    /// - Returns: the run's id, or nil when the run is done, running
    ///   elsewhere, or failed without `retryFailed`.
    /// - Throws: ``ResultsError`` when the hash was never registered.
    func claim(configHash: String, owner: Provenance, retryFailed: Bool) throws -> Int64?

    /// Inserts one epoch's row and refreshes the run's heartbeat, in one
    /// transaction, so a crash loses at most the epoch in progress.
    /// The run must be `running`: one handed back gains no epochs.
    func recordEpoch(runID: Int64, _ epoch: EpochRecord) throws

    /// Sets the final status, error, wall time and finish time, and the
    /// summary columns computed from the run's recorded epochs:
    /// `final_accuracy` and `final_train_cost` from the last epoch,
    /// `best_accuracy` the maximum and `best_epoch` its first epoch.
    /// The run must be `running`.
    func finish(runID: Int64, status: RunStatus, error: String?, wallSeconds: Double) throws

    /// Puts the `running` runs owned by `owner` (same pid on the same host)
    /// back to `pending` and deletes their epochs: a clean interruption.
    func release(owner: Provenance) throws

    /// Hands back the runs left `running` by a process that is gone, deleting
    /// their partial epochs so they train again from the start: on `host`,
    /// runs whose owner pid `isAlive` reports dead; on any host, runs whose
    /// heartbeat (refreshed every epoch) is older than `staleAfter` seconds.
    ///
    /// - Returns: the config hashes handed back.
    func reclaimAbandoned(host: String, isAlive: (Int32) -> Bool, staleAfter: Double) throws -> [String]

    /// A run's configuration, outcome and provenance; nil when no run has this id.
    func run(id: Int64) throws -> StoredRun?

    /// The run with this identity; nil when the database does not have it.
    func run(configHash: String) throws -> StoredRun?

    /// The ids of an experiment's runs in its expansion order; runs a merge
    /// linked at the same position in id order.
    /// - Throws: ``ResultsError`` (input) when no experiment has this name.
    func runIDs(experiment: String) throws -> [Int64]

    /// Folds a shard database into this one. A shard run this database
    /// lacks is copied with its epochs and experiment membership (only `done`
    /// runs unless `includeUnfinished`); a `done` shard run replaces this
    /// database's unfinished copy. Runs done in both with the same numbers
    /// are left alone, so merging twice changes nothing; runs with different
    /// numbers are reported as conflicts and never overwritten. One
    /// transaction.
    func merge(shard path: String, includeUnfinished: Bool) throws -> MergeReport

    /// The run's epochs in epoch order.
    func epochs(runID: Int64) throws -> [EpochRecord]

    /// Runs read-only SQL (for `runner query`); statements that would write
    /// are rejected and the database is opened read-only.
    /// With several statements, the last one's rows are returned.
    func query(_ sql: String) throws -> QueryResult

    /// Every experiment with its run counts by status (for `runner list`),
    /// oldest first.
    func overview() throws -> [ExperimentOverview]

    /// Writes `NAME-runs.csv`, `NAME-configs.csv` and `NAME-epochs.csv` into
    /// `directory` (created when missing), each atomically.
    ///
    /// - Returns: the paths written, in that order.
    func export(experiment: String, to directory: String) throws -> [String]

    /// Closes the store's connections; any later call fails. A process that
    /// closes its store before it exits leaves the store tidy, whichever
    /// threads still hold a reference to it.
    func close() throws
}

/// A run's life cycle: `pending` → `running` → `done` | `failed` | `diverged`.
public enum RunStatus: String, Sendable, CaseIterable {
    case pending, running, done, failed, diverged
}

/// An experiment file as registered: its name is its identity.
public struct ExperimentRecord: Sendable, Equatable {
    public var name: String
    public var description: String
    public var specYAML: String
    public var specSHA256: String

    public init(name: String, description: String, specYAML: String, specSHA256: String) {
        self.name = name
        self.description = description
        self.specYAML = specYAML
        self.specSHA256 = specSHA256
    }
}

/// What the sweep knows about a run before training it.
public struct RunRecord: Sendable, Equatable {
    /// The run's identity: equal hashes are the same run, whatever experiment
    /// lists it.
    public var configHash: String
    /// Layer sizes, input first, e.g. `[784, 30, 10]`.
    public var layers: [Int]
    public var eta: Double
    public var epochs: Int
    public var batchSize: Int
    public var seed: Int64
    public var initialization: String
    public var dataset: String
    public var trainSize: Int
    public var testSize: Int
    /// The full configuration as JSON, for anything the columns do not hold.
    public var paramsJSON: String

    public init(
        configHash: String, layers: [Int], eta: Double, epochs: Int, batchSize: Int, seed: Int64,
        initialization: String, dataset: String, trainSize: Int, testSize: Int, paramsJSON: String
    ) {
        self.configHash = configHash
        self.layers = layers
        self.eta = eta
        self.epochs = epochs
        self.batchSize = batchSize
        self.seed = seed
        self.initialization = initialization
        self.dataset = dataset
        self.trainSize = trainSize
        self.testSize = testSize
        self.paramsJSON = paramsJSON
    }
}

extension RunRecord {
    /// Layer sizes as the `layers` and `hidden` columns write them, and as
    /// every report prints them: `784-30-10`.
    public static func layersText(_ sizes: some Sequence<Int>) -> String {
        sizes.map(String.init).joined(separator: "-")
    }
}

/// One finished epoch's measurements. Costs that were NaN or infinite in
/// training are stored as NULL by SQLite and read back as NaN.
public struct EpochRecord: Sendable, Equatable {
    /// 1-based epoch number.
    public var epoch: Int
    public var trainCost: Double
    public var testCost: Double
    /// Fraction of the test set classified correctly, in 0...1.
    public var testAccuracy: Double
    public var seconds: Double

    public init(epoch: Int, trainCost: Double, testCost: Double, testAccuracy: Double, seconds: Double) {
        self.epoch = epoch
        self.trainCost = trainCost
        self.testCost = testCost
        self.testAccuracy = testAccuracy
        self.seconds = seconds
    }
}

/// Who is training a run, recorded on the run when it is claimed.
public struct Provenance: Sendable, Equatable {
    public var runnerVersion: String
    public var gitCommit: String?
    /// The kernel variant that trains: `avx512`, `avx2` or `portable`.
    public var kernels: String
    public var host: String
    public var pid: Int32

    public init(runnerVersion: String, gitCommit: String?, kernels: String, host: String, pid: Int32) {
        self.runnerVersion = runnerVersion
        self.gitCommit = gitCommit
        self.kernels = kernels
        self.host = host
        self.pid = pid
    }
}

/// Rows of an ad-hoc query, every value rendered as text: integers plain,
/// reals with full round-trip precision (`0.1`, `1e-05`), NULL as nil,
/// blobs as `x'0aff'`.
public struct QueryResult: Sendable, Equatable {
    public var columns: [String]
    public var rows: [[String?]]

    public init(columns: [String], rows: [[String?]]) {
        self.columns = columns
        self.rows = rows
    }
}

/// One experiment's line in `runner list`.
public struct ExperimentOverview: Sendable, Equatable {
    public var name: String
    public var description: String?
    /// Runs linked to the experiment by status; every status is present.
    public var counts: [RunStatus: Int]
    /// When the experiment was first registered (ISO 8601, UTC).
    public var createdAt: String?

    /// All runs linked to the experiment.
    public var total: Int { counts.values.reduce(0, +) }

    public init(name: String, description: String?, counts: [RunStatus: Int], createdAt: String?) {
        self.name = name
        self.description = description
        self.counts = counts
        self.createdAt = createdAt
    }
}
