import GRDB

extension SQLiteResultsStore {
    /// Every column of `runs` but the two ids, which differ between files.
    private static let runColumns = """
        config_hash, layers, hidden, eta, epochs, batch_size, seed, init, dataset, train_size, test_size,
        params_json, status, error, final_accuracy, best_accuracy, best_epoch, final_train_cost, wall_seconds,
        started_at, finished_at, runner_version, git_commit, host, owner_pid, heartbeat_at, kernels, hash_version,
        cost, l2, momentum, patience, eta_halving, validation_size, stop_reason, best_validation_accuracy,
        best_validation_epoch, test_accuracy_at_best_validation, hidden_total
        """

    /// Every column of `epochs` but the run's id.
    private static let epochColumns = """
        epoch, train_cost, test_cost, test_accuracy, seconds, eta, validation_cost, validation_accuracy
        """

    /// Folds a shard database into this one. A shard run this database
    /// lacks is copied with its epochs and experiment membership (only `done`
    /// runs unless `includeUnfinished`); a `done` shard run replaces this
    /// database's unfinished copy. Runs done in both with the same numbers
    /// are left alone, so merging twice changes nothing; runs with different
    /// numbers are reported as conflicts and never overwritten. One
    /// transaction.
    ///
    /// Not part of ``ResultsWriter``: it works on two database files of this
    /// store, such as the shards of a sweep split across machines.
    ///
    /// ```swift
    /// let merged = try SQLiteResultsStore(path: "results/results.sqlite")
    /// let report = try merged.merge(shard: "results/shards/eta-0-of-4.sqlite", includeUnfinished: false)
    /// print(report.merged.count, "merged,", report.conflicts.count, "conflicts")
    /// ```
    public func merge(shard shardPath: String, includeUnfinished: Bool) throws -> MergeReport {
        guard !isReadOnly else { throw ResultsError(path: path, message: "opened read-only; cannot merge into it") }
        // Opening it as a store first checks that it is a results database of
        // a schema we know. A shard of an older runner's schema is merged from
        // the store's upgraded copy, which lives while the store is open; one
        // of this schema is attached as the file itself, after the store has
        // closed, so that the attachment is the file's last connection and
        // folds its write-ahead log back in.
        let shard = try SQLiteResultsStore(path: shardPath, readOnly: true)
        defer { try? shard.close() }
        // Checked here, so that a damaged page met while folding is not
        // blamed on this database, whose path names the errors below.
        try Self.refuseDamaged(at: shardPath)
        let shardLocation = shard.readsUpgradedCopy ? shard.database.path : shardPath
        if !shard.readsUpgradedCopy { try shard.close() }
        do {
            return try database.writeWithoutTransaction { db in
                try db.execute(sql: "ATTACH DATABASE ? AS shard", arguments: [shardLocation])
                defer { try? db.execute(sql: "DETACH DATABASE shard") }
                var report = MergeReport()
                try db.inTransaction(.immediate) {
                    report = try Self.fold(db, includeUnfinished: includeUnfinished)
                    return .commit
                }
                return report
            }
        } catch {
            throw ResultsError(path: path, underlying: error)
        }
    }

    private static func fold(_ db: Database, includeUnfinished: Bool) throws -> MergeReport {
        try db.execute(sql: """
            INSERT INTO main.experiments (name, description, spec_yaml, spec_sha256, created_at)
            SELECT name, description, spec_yaml, spec_sha256, created_at FROM shard.experiments WHERE true
            ON CONFLICT (name) DO NOTHING
            """)
        // The versions of the experiments just copied, which have none here
        // yet; an experiment this database has keeps its own spec and versions.
        try db.execute(sql: """
            INSERT INTO main.experiment_versions (experiment_id, spec_yaml, spec_sha256, registered_at, source_path)
            SELECT me.id, sv.spec_yaml, sv.spec_sha256, sv.registered_at, sv.source_path
            FROM shard.experiment_versions sv
            JOIN shard.experiments se ON se.id = sv.experiment_id
            JOIN main.experiments me ON me.name = se.name
            WHERE NOT EXISTS (SELECT 1 FROM main.experiment_versions mv WHERE mv.experiment_id = me.id)
            ORDER BY sv.id
            """)
        var report = MergeReport()
        // Each shard run beside the target's copy, if any. Hashes are unique
        // in the shard, so copying one run never changes another's target.
        let shardRuns = try Row.fetchAll(db, sql: """
            SELECT r.id, r.config_hash, r.status, e.name AS experiment, m.id AS target_id, m.status AS target_status
            FROM shard.runs r
            JOIN shard.experiments e ON e.id = r.experiment_id
            LEFT JOIN main.runs m ON m.config_hash = r.config_hash
            ORDER BY r.id
            """)
        for shardRun in shardRuns {
            let hash: String = shardRun["config_hash"]
            let shardID: Int64 = shardRun["id"]
            // A pruned run is as finished as a done one: early stopping trains it no more.
            let finished: Set<String> = [RunStatus.done.rawValue, RunStatus.pruned.rawValue]
            let shardDone = finished.contains(shardRun["status"] as String)
            guard shardDone || includeUnfinished else {
                report.unfinished.append(hash)
                continue
            }
            let existingID: Int64? = shardRun["target_id"]
            let targetDone = (shardRun["target_status"] as String?).map(finished.contains) ?? false
            if let existingID, targetDone || !shardDone {
                if shardDone, let difference = try firstDifference(db, targetRun: existingID, shardRun: shardID) {
                    report.conflicts.append(MergeConflict(configHash: hash, difference: difference))
                } else {
                    report.alreadyPresent.append(hash)
                }
                continue
            }
            let targetID: Int64
            if let existingID {
                // The target has it unfinished; the shard's finished copy replaces it in
                // place, so the row keeps its id and the experiments that list it.
                targetID = existingID
                try db.execute(sql: "DELETE FROM main.epochs WHERE run_id = ?", arguments: [targetID])
                // A finished run is continued no more.
                try db.execute(sql: "DELETE FROM main.checkpoints WHERE run_id = ?", arguments: [targetID])
                try db.execute(
                    sql: """
                        UPDATE main.runs SET (\(runColumns)) = (SELECT \(runColumns) FROM shard.runs WHERE id = ?)
                        WHERE id = ?
                        """,
                    arguments: [shardID, targetID])
            } else {
                try db.execute(
                    sql: """
                        INSERT INTO main.runs (experiment_id, \(runColumns))
                        SELECT (SELECT id FROM main.experiments WHERE name = ?), \(runColumns)
                        FROM shard.runs WHERE id = ?
                        """,
                    arguments: [shardRun["experiment"] as String, shardID])
                targetID = db.lastInsertedRowID
            }
            try db.execute(
                sql: """
                    INSERT INTO main.epochs (run_id, \(epochColumns))
                    SELECT ?, \(epochColumns) FROM shard.epochs WHERE run_id = ?
                    """,
                arguments: [targetID, shardID])
            // An unfinished run copied keeps what it needs to be continued here.
            try db.execute(
                sql: "INSERT INTO main.checkpoints (run_id, epoch, state) SELECT ?, epoch, state FROM shard.checkpoints WHERE run_id = ?",
                arguments: [targetID, shardID])
            report.merged.append(hash)
        }
        // Membership and positions as the shard lists them, for the runs the target now has.
        try db.execute(sql: """
            INSERT INTO main.experiment_runs (experiment_id, run_id, position)
            SELECT me.id, mr.id, er.position
            FROM shard.experiment_runs er
            JOIN shard.experiments se ON se.id = er.experiment_id
            JOIN shard.runs sr ON sr.id = er.run_id
            JOIN main.experiments me ON me.name = se.name
            JOIN main.runs mr ON mr.config_hash = sr.config_hash
            WHERE true
            ON CONFLICT (experiment_id, run_id) DO NOTHING
            """)
        // Early stopping's decisions, likewise; one this database already has for the run and rung stays.
        try db.execute(sql: """
            INSERT INTO main.decisions (experiment_id, run_id, bracket, rung, epoch, metric, metric_value, threshold,
                                        rank, rung_size, verdict, decided_at)
            SELECT me.id, mr.id, d.bracket, d.rung, d.epoch, d.metric, d.metric_value, d.threshold,
                   d.rank, d.rung_size, d.verdict, d.decided_at
            FROM shard.decisions d
            JOIN shard.experiments se ON se.id = d.experiment_id
            JOIN shard.runs sr ON sr.id = d.run_id
            JOIN main.experiments me ON me.name = se.name
            JOIN main.runs mr ON mr.config_hash = sr.config_hash
            WHERE true
            ORDER BY d.id
            ON CONFLICT (experiment_id, run_id, rung) DO NOTHING
            """)
        return report
    }

    /// The epoch metrics both copies of a run always record, compared
    /// exactly (NULL, SQLite's NaN, equals NULL).
    private static let recordedMetrics = ["epoch", "train_cost", "test_cost", "test_accuracy"]
    /// The metrics a copy stored before they were recorded lacks: a NULL on
    /// one side only is no difference in the numbers.
    private static let laterMetrics = ["eta", "validation_cost", "validation_accuracy"]

    /// The first epoch metric that differs between the two copies of a run;
    /// nil when none does.
    private static func firstDifference(_ db: Database, targetRun: Int64, shardRun: Int64) throws -> String? {
        let columns = (recordedMetrics + laterMetrics).joined(separator: ", ")
        let sql = "SELECT \(columns) FROM %@.epochs WHERE run_id = ? ORDER BY epoch"
        let here = try Row.fetchAll(db, sql: sql.replacingOccurrences(of: "%@", with: "main"), arguments: [targetRun])
        let there = try Row.fetchAll(db, sql: sql.replacingOccurrences(of: "%@", with: "shard"), arguments: [shardRun])
        for (a, b) in zip(here, there) {
            func differs(_ column: String) -> Bool {
                let (mine, theirs): (DatabaseValue, DatabaseValue) = (a[column], b[column])
                guard laterMetrics.contains(column) else { return mine != theirs }
                return !mine.isNull && !theirs.isNull && mine != theirs
            }
            for column in recordedMetrics + laterMetrics where differs(column) {
                return "epoch \(a["epoch"] as Int) \(column): \(a[column] as DatabaseValue) here, \(b[column] as DatabaseValue) in the shard"
            }
        }
        if here.count != there.count {
            return "\(here.count) epochs here, \(there.count) in the shard"
        }
        return nil
    }
}
