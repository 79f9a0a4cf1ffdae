/// One thing wrong with a results database, as ``SQLiteResultsStore/integrityProblems()``
/// finds it: damage SQLite sees in the file, a row whose foreign key points
/// nowhere, or a run whose rows disagree with one another.
///
/// ```swift
/// for problem in try SQLiteResultsStore(path: path, readOnly: true).integrityProblems() {
///     if case .epochsNotContiguous(let run, let count, let first, let last) = problem { … }
/// }
/// ```
public enum IntegrityProblem: Sendable, Equatable {
    /// A line of SQLite's `PRAGMA integrity_check`: the file itself is damaged.
    case sqlite(String)
    /// A row of `table` (by rowid) whose reference into `parent` names no row.
    case foreignKey(table: String, rowid: Int64?, parent: String)
    /// The run's epochs are not 1, 2, …, n: `count` rows from `first` to `last`.
    case epochsNotContiguous(IntegrityProblem.Run, count: Int, first: Int, last: Int)
    /// A `done` run with other than its `epochs` epochs (at most that many
    /// when `patience` or `eta_halving` stopped it early).
    case doneRunIncomplete(IntegrityProblem.Run, recorded: Int, requested: Int, stoppedEarly: Bool)
    /// A `pruned` run with as many epochs as it requested, which no pruning leaves.
    case prunedRunComplete(IntegrityProblem.Run, recorded: Int)
    /// A `pruned` run without a `prune` decision at its last epoch.
    case prunedWithoutDecision(IntegrityProblem.Run, lastEpoch: Int?)
    /// A finished run's outcome column that differs from what its epochs give.
    case outcomeMismatch(IntegrityProblem.Run, column: String, stored: String?, fromEpochs: String?)
    /// A checkpoint kept for a run that finished (`done`, `failed` or `diverged`).
    case checkpointOfFinishedRun(IntegrityProblem.Run, epoch: Int)
    /// A checkpoint that does not follow the run's last recorded epoch.
    case checkpointNotAtLastEpoch(IntegrityProblem.Run, epoch: Int, lastEpoch: Int?)

    /// The run a problem concerns, as the commands name runs.
    public struct Run: Sendable, Equatable {
        public let id: Int64
        public let configHash: String
        public let status: String

        public init(id: Int64, configHash: String, status: String) {
            self.id = id
            self.configHash = configHash
            self.status = status
        }
    }
}
