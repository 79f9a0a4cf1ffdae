import GRDB
import GRDBSQLite

// The read side's answers for a dashboard: many runs' epochs in one read,
// whether anything changed, and how far each experiment's sweep has come.
extension SQLiteResultsStore {
    public func runSettings(experiment: String) throws -> [RunSettings] {
        try read { db in
            try requireExperiment(experiment, in: db)
            // Columns read by position: by name, GRDB looks each up, which
            // for 10,000 runs costs more than the query.
            let rows = try Row.fetchCursor(db, sql: """
                SELECT r.id, r.status, r.seed, r.layers, r.eta, r.epochs, r.batch_size, r.init, r.dataset,
                       r.train_size, r.test_size, r.hash_version, r.cost, r.l2, r.momentum, r.patience,
                       r.eta_halving, r.validation_size
                FROM experiment_runs er
                JOIN experiments x ON x.id = er.experiment_id
                JOIN runs r ON r.id = er.run_id
                WHERE x.name = ? ORDER BY er.position, r.config_hash
                """, arguments: [experiment])
            var runs: [RunSettings] = []
            while let row = try rows.next() {
                let id: Int64 = row[0]
                let storedSeed: DatabaseValue = row[2]
                guard let seed = UInt64.fromDatabaseValue(storedSeed) else {
                    throw ResultsError(path: path, message: "run \(id) has seed \(storedSeed), not an integer from 0 to \(Int64.max)")
                }
                let layers: String = row[3]
                runs.append(RunSettings(
                    id: id, status: try Self.status(from: row[1], of: "run \(id)", path: path), seed: seed,
                    layers: Self.layerSizes(layers), eta: row[4], epochs: row[5], batchSize: row[6],
                    initialization: row[7], dataset: row[8], trainLimit: row[9], testLimit: row[10],
                    hashVersion: row[11], cost: row[12], l2: row[13], momentum: row[14], patience: row[15],
                    etaHalving: row[16], validationLimit: row[17]))
            }
            return runs
        }
    }

    public func epochSeries(runIDs: [Int64], metric: EpochMetric) throws -> [Int64: EpochSeries] {
        guard !runIDs.isEmpty else { return [:] }
        return try read { db in
            // The ids as one JSON array: any number of them in one statement,
            // where SQLite caps the bound parameters of a statement.
            let ids = "[" + runIDs.map(String.init).joined(separator: ",") + "]"
            let statement = try db.makeStatement(sql: """
                SELECT run_id, epoch, \(metric.rawValue), seconds FROM epochs
                WHERE run_id IN (SELECT value FROM json_each(?)) ORDER BY run_id, epoch
                """)
            try statement.setArguments([ids])
            // Stepped through SQLite's own calls: the chart of an experiment
            // of 10,000 runs reads 300,000 rows here, and GRDB's rows cost
            // several times the query.
            let handle = statement.sqliteStatement
            var series: [Int64: EpochSeries] = [:]
            var currentID: Int64?
            var current = EpochSeries()
            while true {
                let step = sqlite3_step(handle)
                if step == SQLITE_DONE { break }
                guard step == SQLITE_ROW else {
                    throw DatabaseError(resultCode: ResultCode(rawValue: step), message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
                }
                let id = sqlite3_column_int64(handle, 0)
                if id != currentID {
                    if let currentID { series[currentID] = current }
                    currentID = id
                    // Runs of one experiment have alike numbers of epochs:
                    // room for the last one's saves growing each array.
                    let room = current.epochs.count
                    current = EpochSeries()
                    current.epochs.reserveCapacity(room)
                    current.values.reserveCapacity(room)
                    current.seconds.reserveCapacity(room)
                }
                current.epochs.append(Int(sqlite3_column_int64(handle, 1)))
                current.values.append(sqlite3_column_type(handle, 2) == SQLITE_NULL ? .nan : sqlite3_column_double(handle, 2))
                current.seconds.append(sqlite3_column_type(handle, 3) == SQLITE_NULL ? .nan : sqlite3_column_double(handle, 3))
            }
            sqlite3_reset(handle)
            if let currentID { series[currentID] = current }
            return series
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
                                WHEN r.status IN ('done', 'pruned') THEN coalesce(t.epochs, 0)
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
                let last: String? = (try row.decode(forColumn: "last_activity"))
                activity[(try row.decode(forColumn: "name"))] = ExperimentActivity(
                    epochsPlanned: (try row.decode(forColumn: "planned")) ?? 0, epochsTrained: (try row.decode(forColumn: "trained")) ?? 0,
                    runningRuns: (try row.decode(forColumn: "running")) ?? 0, meanEpochSeconds: (try row.decode(forColumn: "mean_seconds")),
                    lastActivity: last?.isEmpty == false ? last : nil)
            }
            return activity
        }
    }
}
