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
