import Foundation

/// The write side of the results, as a sweep uses it: registering an
/// experiment's runs, claiming a run to train, recording its epochs as they
/// finish, and finishing, releasing or reclaiming runs.
///
/// Several sweeps, in one process or many, on one host or several, may write
/// to one store at once: claiming a run is atomic, so each run trains once.
/// The contract names no storage, so that a backend on a database server
/// (PostgreSQL) can implement it beside the file-based one without the sweep
/// changing. Reading the results back is ``ResultsReader``'s; folding shard
/// files into one is not part of it, being an operation on one backend's files.
///
/// A worker's life cycle for one run:
///
/// ```swift
/// func sweep(_ experiment: ExperimentRecord, _ runs: [RunRecord], into store: some ResultsWriter) throws {
///     let statuses = try store.register(experiment, runs: runs, replacingSpec: false)
///     if let runID = try store.claim(configHash: runs[0].configHash, owner: me, retryFailed: false) {
///         for (epoch, state) in training { try store.recordEpoch(runID: runID, epoch, checkpoint: state) }
///         try store.finish(runID: runID, status: .done, error: nil, stopReason: nil, wallSeconds: 12.5)
///     }
/// }
/// ```
public protocol ResultsWriter: Sendable {
    /// Registers the experiment, adds the runs not yet known as `pending`,
    /// and links exactly these runs into the experiment in the given order,
    /// all at once or not at all. Runs linked by an earlier registration but
    /// missing from `runs` are unlinked from this experiment (the runs
    /// themselves stay).
    ///
    /// An experiment's name stands for one spec, so that two files that
    /// happen to share a name cannot silently take each other's place.
    /// Registering a name again with the same spec (the same `specSHA256`)
    /// leaves the experiment as it is; with another spec it is refused, and
    /// nothing is written, unless `replacingSpec`, in which case the spec
    /// and description become this one's. Every version registered is kept,
    /// with its time and source path.
    ///
    /// - Returns: each config hash's current status.
    /// - Throws: ``ExperimentSpecConflict`` when the name is registered with
    ///   another spec and not `replacingSpec`.
    func register(_ experiment: ExperimentRecord, runs: [RunRecord], replacingSpec: Bool) throws -> [String: RunStatus]

    /// Current statuses of the given hashes, writing nothing. A sweep reads
    /// them to plan without registering (`--dry-run`) and, once its workers
    /// stop, to decide whether the experiment is complete; a cluster job
    /// reads them to report its shard's progress. Unknown hashes are absent
    /// from the result.
    func statuses(of configHashes: [String]) throws -> [String: RunStatus]

    /// Atomically turns a `pending` run (or, with `retryFailed`, a `failed` or
    /// `diverged` one) into `running` owned by `owner`. A run with a
    /// checkpoint keeps its epochs up to it, to be continued (see
    /// ``checkpoint(runID:)``); any other run loses its partial epochs.
    ///
    /// - Returns: the run's id, or nil when the run is done, running
    ///   elsewhere, or failed without `retryFailed`.
    /// - Throws: ``ResultsError`` when the hash was never registered.
    func claim(configHash: String, owner: Provenance, retryFailed: Bool) throws -> Int64?

    /// Records one epoch with the training state it left, replacing the
    /// run's previous checkpoint, and refreshes the run's heartbeat, all or
    /// nothing: a crash loses at most the epoch in progress, and the stored
    /// epochs and checkpoint always agree. A nil `checkpoint` deletes the
    /// previous one, so the run cannot be continued from an older epoch.
    /// The run must be `running`: one handed back gains no epochs.
    ///
    /// ```swift
    /// try store.recordEpoch(runID: runID, EpochRecord(report), checkpoint: trainer.checkpoint().encoded())
    /// ```
    func recordEpoch(runID: Int64, _ epoch: EpochRecord, checkpoint: Data?) throws

    /// The run's checkpoint: the epoch it follows and its encoded state,
    /// or nil when the run has none (not started, or finished).
    ///
    /// ```swift
    /// if let saved = try store.checkpoint(runID: runID) {
    ///     let trainer = try Trainer(configuration: config, train: train, validation: validation, test: test,
    ///                               resumingFrom: TrainingCheckpoint(decoding: saved.state))
    /// }
    /// ```
    func checkpoint(runID: Int64) throws -> (epoch: Int, state: Data)?

    /// The run's recorded epochs, in order: those a continued run already has.
    func epochs(runID: Int64) throws -> [EpochRecord]

    /// Deletes a `running` run's epochs and checkpoint, for a run that
    /// cannot be continued from its checkpoint and trains from the start.
    ///
    /// ```swift
    /// try store.discardProgress(runID: runID)
    /// ```
    func discardProgress(runID: Int64) throws

    /// Sets the final status, error, stop reason, wall time and finish
    /// time, and the outcome computed from the run's recorded epochs
    /// (``StoredRun``'s fields): `finalAccuracy` and `finalTrainCost` from
    /// the last epoch, `bestAccuracy` the maximum test accuracy and
    /// `bestEpoch` its first epoch, `bestValidationAccuracy` the maximum
    /// validation accuracy, `bestValidationEpoch` its first epoch and
    /// `testAccuracyAtBestValidation` that epoch's test accuracy.
    /// The run must be `running`; `stopReason` (why selection on the
    /// validation set ended it before its epochs) only comes with `done`.
    /// A finished run needs no checkpoint: it is deleted.
    func finish(runID: Int64, status: RunStatus, error: String?, stopReason: String?, wallSeconds: Double) throws

    /// Puts the `running` runs owned by `owner` (same pid on the same host)
    /// back to `pending`, keeping their epochs up to their checkpoint for the
    /// next sweep to continue: a clean interruption.
    func release(owner: Provenance) throws

    /// Puts a `running` run that reached a rung back to `pending` to wait
    /// for the rung's decision, keeping all its epochs and its checkpoint
    /// and clearing its owner as ``release(owner:)`` does; the next claim
    /// continues it from the checkpoint. A run not `running` is left as
    /// it is.
    ///
    /// ```swift
    /// try store.recordEpoch(runID: runID, EpochRecord(report), checkpoint: trainer.checkpoint().encoded())
    /// if rungEpochs.contains(report.epoch) { try store.pause(runID: runID) }
    /// ```
    func pause(runID: Int64) throws

    /// Makes the stored early-stopping state of `experiment` exactly this,
    /// all at once or not at all:
    ///
    /// - its rows in `decisions` become `decisions`, matched on run and rung:
    ///   a decision stored with the same values keeps its `decidedAt`, a new
    ///   or changed one is stamped now, and the others are deleted;
    /// - each run in `pruned` (run id → the epoch it stops at) becomes
    ///   `pruned`: its epochs after that epoch are deleted, and its
    ///   checkpoint if it follows a later epoch (one at that epoch stays, so
    ///   a later promotion continues it); no error or stop reason; the
    ///   outcome columns computed from the remaining epochs as
    ///   ``finish(runID:status:error:stopReason:wallSeconds:)`` computes
    ///   them, `wall_seconds` their seconds summed, finished now. A run
    ///   already `pruned` with nothing to delete is left as it is;
    /// - each run linked to the experiment that is `pruned` but not in
    ///   `pruned` goes back to `pending` with its epochs and checkpoint,
    ///   its outcome and finish time cleared;
    /// - a `running` run is never changed.
    ///
    /// ```swift
    /// try store.applyDecisions(experiment: "eta", decisions, pruned: [runID: 3])
    /// ```
    /// - Throws: ``ResultsError`` (input) when no experiment has this name;
    ///   ``ResultsError`` naming the statement when a decision cannot be
    ///   stored (an unknown run, two decisions for one run and rung).
    func applyDecisions(experiment: String, _ decisions: [Decision], pruned: [Int64: Int]) throws

    /// Hands back the runs left `running` by a process that is gone, keeping
    /// their epochs up to their checkpoint, so they continue after it: on `host`,
    /// runs whose owner pid `isAlive` reports dead; on any host, runs whose
    /// heartbeat (refreshed every epoch) is older than `staleAfter` seconds.
    ///
    /// - Returns: the config hashes handed back.
    func reclaimAbandoned(host: String, isAlive: (Int32) -> Bool, staleAfter: Double) throws -> [String]

    /// Closes the store's connections; any later call fails. A process that
    /// closes its store before it exits leaves the store tidy, whichever
    /// threads still hold a reference to it.
    func close() throws
}

extension ResultsWriter {
    /// Registers without replacing another spec of the same name.
    public func register(_ experiment: ExperimentRecord, runs: [RunRecord]) throws -> [String: RunStatus] {
        try register(experiment, runs: runs, replacingSpec: false)
    }

    /// Records an epoch without a checkpoint: the run can no longer be
    /// continued, only trained again from the start.
    public func recordEpoch(runID: Int64, _ epoch: EpochRecord) throws {
        try recordEpoch(runID: runID, epoch, checkpoint: nil)
    }

    /// Finishes a run that trained every epoch it was going to: no stop reason.
    public func finish(runID: Int64, status: RunStatus, error: String?, wallSeconds: Double) throws {
        try finish(runID: runID, status: status, error: error, stopReason: nil, wallSeconds: wallSeconds)
    }
}
