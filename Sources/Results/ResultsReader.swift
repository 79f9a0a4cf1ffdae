/// The typed read side of the results: experiments, runs and their epochs,
/// configurations summarised over their seeds, CSV exports, and read-only
/// SQL, for anything that shows results: a command line, a report at the
/// end of a sweep, a dashboard. It writes nothing to the results, so a store
/// opened read-only serves all of it.
///
/// ```swift
/// let results: any ResultsReader = try SQLiteResultsStore(path: "results/results.sqlite", readOnly: true)
/// for experiment in try results.overview() {
///     print(experiment.name, experiment.counts[.done] ?? 0, "of", experiment.total)
/// }
/// ```
public protocol ResultsReader: Sendable {
    /// Every experiment with its run counts by status, oldest first.
    func overview() throws -> [ExperimentOverview]

    /// A run's configuration, outcome and provenance; nil when no run has this id.
    func run(id: Int64) throws -> StoredRun?

    /// The run with this identity; nil when the database does not have it.
    func run(configHash: String) throws -> StoredRun?

    /// The experiment's runs in its expansion order (then by config hash,
    /// for runs a merge linked at the same position).
    /// - Throws: ``ResultsError`` (input) when no experiment has this name.
    func runs(experiment: String) throws -> [StoredRun]

    /// The runs whose config hash starts with `prefix`, by config hash.
    func runs(configHashPrefix prefix: String) throws -> [StoredRun]

    /// The runs no experiment lists (an experiment's grid shrank, say), by id.
    func orphanedRuns() throws -> [StoredRun]

    /// The runs marked `running`, by id, with their owners and heartbeats,
    /// so that a reader can tell those whose process is gone.
    func runningRuns() throws -> [RunningRun]

    /// The ids of an experiment's runs in its expansion order; runs a merge
    /// linked at the same position in id order.
    /// - Throws: ``ResultsError`` (input) when no experiment has this name.
    func runIDs(experiment: String) throws -> [Int64]

    /// The run's epochs in epoch order.
    func epochs(runID: Int64) throws -> [EpochRecord]

    /// The experiment's configurations, each over its seeds' `done` runs,
    /// in the order of their first runs in the experiment; configurations
    /// with no `done` run are absent.
    /// - Throws: ``ResultsError`` (input) when no experiment has this name.
    func configurationSummaries(experiment: String) throws -> [ConfigurationSummary]

    /// The experiment's `limit` configurations with the highest mean best
    /// validation accuracy, highest first: the table that closes a sweep.
    /// Configurations without a validation set come after those with one,
    /// ranked by their mean best test accuracy, which is chosen on the test
    /// set and so optimistic (``ConfigurationSummary/isChosenOnValidation``).
    ///
    /// With `decimals`, every statistic is rounded to that many decimal
    /// places as the database rounds, a half-way decimal up whatever its
    /// binary approximation: the mean of 0.9123 and 0.9124 is 0.9124, where
    /// formatting the unrounded mean (`String(format: "%.4f", …)`) would
    /// print 0.9123. The rank is the unrounded one.
    ///
    /// ```swift
    /// for summary in try results.bestConfigurations(experiment: "eta", limit: 10, decimals: 4) {
    ///     print(summary.eta, String(format: "%.4f", summary.reportedTestAccuracy.mean ?? 0))
    /// }
    /// ```
    /// - Throws: ``ResultsError`` (input) when no experiment has this name.
    func bestConfigurations(experiment: String, limit: Int, decimals: Int?) throws -> [ConfigurationSummary]

    /// Writes `NAME-runs.csv`, `NAME-configs.csv`, `NAME-epochs.csv` and
    /// `NAME-timings.csv` into `directory` (created when missing), each
    /// atomically, whatever the state of the experiment's runs. The first
    /// three hold no database ids and no timings, so they are a function of
    /// the results alone; the timings file holds the wall-clock seconds.
    ///
    /// - Returns: the paths written, in that order.
    func export(experiment: String, to directory: String) throws -> [String]

    /// Runs read-only SQL; statements that would write are rejected and the
    /// database is opened read-only.
    /// With several statements, the last one's rows are returned.
    /// `arguments` are the values of named parameters (`["experiment": "eta"]`
    /// for `:experiment`); a parameter without a value is an input error.
    func query(_ sql: String, arguments: [String: String]) throws -> QueryResult

    /// Runs read-only SQL as ``query(_:arguments:)`` does, on a connection
    /// of its own that is also `query_only`, within `limits`: a query past
    /// its time limit is cancelled with an input error, and rows past the
    /// row limit are left out and the result marked ``QueryResult/truncated``.
    func query(_ sql: String, arguments: [String: String], limits: QueryLimits) throws -> QueryResult

    /// The settings, seed and status of the experiment's runs, in its
    /// expansion order: lighter than ``runs(experiment:)`` for grouping
    /// thousands of runs into configurations.
    /// - Throws: ``ResultsError`` (input) when no experiment has this name.
    func runSettings(experiment: String) throws -> [RunSettings]

    /// One metric of each of these runs' epochs, by run id; a run without
    /// epochs (or unknown) is absent. One read, so every run's epochs come
    /// from the same moment of a database that a sweep is writing.
    func epochSeries(runIDs: [Int64], metric: EpochMetric) throws -> [Int64: EpochSeries]

    /// A number that changes whenever another connection commits to the
    /// database (SQLite's `PRAGMA data_version`): compare it with the last
    /// one to learn cheaply whether anything was written since.
    func changeCounter() throws -> Int64

    /// What each experiment's runs are doing: the epochs left to train and
    /// the last sign of life, by experiment name.
    func activity() throws -> [String: ExperimentActivity]

    /// The experiment's early-stopping decisions by bracket, rung and rank.
    ///
    /// ```swift
    /// for decision in try results.decisions(experiment: "eta") where decision.verdict == .prune {
    ///     print(decision.runID, "pruned at epoch", decision.epoch, "ranked", decision.rank, "of", decision.rungSize)
    /// }
    /// ```
    /// - Throws: ``ResultsError`` (input) when no experiment has this name.
    func decisions(experiment: String) throws -> [Decision]

    /// The decisions on one run, with the experiment that made each, by rung
    /// (then experiment name): a run shared by two experiments may have
    /// decisions from both. None for an unknown run.
    func decisions(runID: Int64) throws -> [(experiment: String, decision: Decision)]

    /// Closes the store's connections; any later call fails.
    func close() throws
}

extension ResultsReader {
    /// Runs read-only SQL without parameters.
    public func query(_ sql: String) throws -> QueryResult {
        try query(sql, arguments: [:])
    }
}
