import GRDB

// The read side's answers for a dashboard: many runs' epochs in one read,
// whether anything changed, and how far each experiment's sweep has come.
extension SQLiteResultsStore {
    public func epochs(runIDs: [Int64]) throws -> [Int64: [EpochRecord]] {
        guard !runIDs.isEmpty else { return [:] }
        return try read { db in
            var epochs: [Int64: [EpochRecord]] = [:]
            // The ids as one JSON array: any number of them in one statement,
            // where SQLite caps the bound parameters of a statement.
            let ids = "[" + runIDs.map(String.init).joined(separator: ",") + "]"
            let rows = try Row.fetchCursor(db, sql: """
                SELECT run_id, epoch, train_cost, test_cost, test_accuracy, seconds, eta, validation_cost,
                       validation_accuracy
                FROM epochs WHERE run_id IN (SELECT value FROM json_each(?)) ORDER BY run_id, epoch
                """, arguments: [ids])
            while let row = try rows.next() {
                // As epochs(runID:): a NULL cost is the NaN training produced.
                epochs[row[0], default: []].append(EpochRecord(
                    epoch: row[1], trainCost: row[2] ?? .nan, testCost: row[3] ?? .nan,
                    testAccuracy: row[4] ?? .nan, seconds: row[5] ?? .nan, eta: row[6],
                    validationCost: row[7], validationAccuracy: row[8]))
            }
            return epochs
        }
    }

    public func changeCounter() throws -> Int64 {
        try read { db in try Int64.fetchOne(db, sql: "PRAGMA data_version") ?? 0 }
    }

    public func activity() throws -> [String: ExperimentActivity] {
        try read { db in
            let rows = try Row.fetchAll(db, sql: """
                WITH trained AS (
                    SELECT run_id, count(*) AS epochs, sum(seconds) AS seconds FROM epochs GROUP BY run_id
                )
                SELECT e.name,
                       sum(CASE WHEN r.status IN ('failed', 'diverged') THEN 0
                                WHEN r.status = 'done' THEN coalesce(t.epochs, 0)
                                ELSE r.epochs END) AS planned,
                       sum(CASE WHEN r.status IN ('failed', 'diverged') THEN 0
                                ELSE coalesce(t.epochs, 0) END) AS trained,
                       sum(r.status = 'running') AS running,
                       sum(t.seconds) / sum(t.epochs) AS mean_seconds,
                       max(max(coalesce(r.started_at, ''), coalesce(r.finished_at, ''),
                               coalesce(r.heartbeat_at, ''))) AS last_activity
                FROM experiments e
                JOIN experiment_runs er ON er.experiment_id = e.id
                JOIN runs r ON r.id = er.run_id
                LEFT JOIN trained t ON t.run_id = r.id
                GROUP BY e.id
                """)
            var activity: [String: ExperimentActivity] = [:]
            for row in rows {
                let last: String? = row["last_activity"]
                activity[row["name"]] = ExperimentActivity(
                    epochsPlanned: row["planned"] ?? 0, epochsTrained: row["trained"] ?? 0,
                    runningRuns: row["running"] ?? 0, meanEpochSeconds: row["mean_seconds"],
                    lastActivity: last?.isEmpty == false ? last : nil)
            }
            return activity
        }
    }
}
