/// What ``SQLiteResultsStore/recover(_:to:shell:)`` got back from a damaged
/// database, and what it knows was lost.
public struct RecoveryReport: Sendable, Equatable {
    /// How the rows were read.
    public enum Method: Sendable, Equatable {
        /// The `sqlite3` shell's `.recover`, which reads every page it can,
        /// even those no intact b-tree leads to.
        case sqliteRecover(shell: String)
        /// Each table row by row, in rowid order, skipping what cannot be
        /// read; `because` says why not `.recover`.
        case tableByTable(because: String)
    }

    /// A recovered run with fewer epochs than it should have.
    public struct IncompleteRun: Sendable, Equatable {
        public var run: IntegrityProblem.Run
        public var recovered: Int
        /// How many it should have: `epochs` for a `done` run that ran them
        /// all, its prune decision's epoch for a `pruned` one, its
        /// checkpoint's for an unfinished one.
        public var expected: Int
    }

    /// A run whose row in `runs` was lost, known from the rows that name it.
    public struct LostRun: Sendable, Equatable {
        public var id: Int64
        /// Its epochs recovered, which the new database cannot use without the run.
        public var epochs: Int
    }

    public var method: Method
    public var recovered: DatabaseContents
    /// The epochs the recovered runs should have, by the rules of ``IncompleteRun/expected``.
    public var expectedEpochs: Int
    /// Recovered runs with epochs missing, by id.
    public var incompleteRuns: [IncompleteRun]
    /// Runs known only from other tables' rows, by id.
    public var lostRuns: [LostRun]
    /// Rows `.recover` found but could not place in a table (`lost_and_found`).
    public var lostAndFound: Int
}
