import GRDB

extension Schema {
    /// Early stopping: the `pruned` status and the rung decisions that
    /// prune or promote runs.
    ///
    /// SQLite cannot alter a CHECK constraint, so `runs` is rebuilt from its
    /// own stored `CREATE TABLE` with the status list extended: earlier
    /// migrations added columns, and the stored SQL has them all. The
    /// migrator runs this with foreign keys off and checks them before it
    /// commits, so dropping the old table cascades nothing, and the other
    /// tables' references to `runs` name the rebuilt table once it is
    /// renamed. Views are dropped first and recreated from their own SQL,
    /// since SQLite refuses a rename while a view names a missing table.
    static func version7(_ db: Database) throws {
        // First, so that a process replaying the migration another has just
        // committed fails with "already exists", which opening retries,
        // rather than finding the status list already extended.
        try db.execute(sql: decisionsTable)

        let statuses = "status IN ('pending', 'running', 'done', 'failed', 'diverged')"
        let header = "CREATE TABLE runs ("
        guard let createRuns = try String.fetchOne(
            db, sql: "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'runs'"),
            createRuns.components(separatedBy: statuses).count == 2, createRuns.hasPrefix(header)
        else {
            throw DatabaseError(message: "table runs is not as schema v6 made it: cannot extend its status check")
        }
        let createRebuilt = "CREATE TABLE runs_v7 ("
            + createRuns.dropFirst(header.count)
                .replacingOccurrences(of: statuses, with: "status IN ('pending', 'running', 'done', 'failed', 'diverged', 'pruned')")

        let views = try Row.fetchAll(db, sql: "SELECT name, sql FROM sqlite_master WHERE type = 'view' ORDER BY rowid")
        let dependents = try String.fetchAll(db, sql: """
            SELECT sql FROM sqlite_master
            WHERE type IN ('index', 'trigger') AND tbl_name = 'runs' AND sql IS NOT NULL ORDER BY rowid
            """)
        for view in views {
            try db.execute(sql: "DROP VIEW \((view["name"] as String).quotedDatabaseIdentifier)")
        }
        try db.execute(sql: createRebuilt)
        try db.execute(sql: "INSERT INTO runs_v7 SELECT * FROM runs")
        try db.execute(sql: "DROP TABLE runs")
        try db.execute(sql: "ALTER TABLE runs_v7 RENAME TO runs")
        for sql in dependents {
            try db.execute(sql: sql)
        }
        for view in views {
            try db.execute(sql: view["sql"])
        }
    }

    /// One row per run and rung that early stopping decided.
    private static let decisionsTable = """
        CREATE TABLE decisions (
            id INTEGER PRIMARY KEY,
            experiment_id INTEGER NOT NULL REFERENCES experiments(id) ON DELETE CASCADE,
            run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
            bracket INTEGER NOT NULL,
            rung INTEGER NOT NULL,
            epoch INTEGER NOT NULL,
            metric TEXT NOT NULL,
            metric_value REAL NOT NULL,
            threshold REAL NOT NULL,
            rank INTEGER NOT NULL,
            rung_size INTEGER NOT NULL,
            verdict TEXT NOT NULL CHECK (verdict IN ('promote', 'prune')),
            decided_at TEXT NOT NULL,
            UNIQUE (experiment_id, run_id, rung)
        );
        CREATE INDEX decisions_run ON decisions(run_id);
        """
}
