import Foundation
import GRDB

extension SQLiteResultsStore {
    public func run(id: Int64) throws -> StoredRun? {
        try storedRuns(where: "r.id = ?", [id]).first
    }

    public func run(configHash: String) throws -> StoredRun? {
        try storedRuns(where: "r.config_hash = ?", [configHash]).first
    }

    public func runs(experiment: String) throws -> [StoredRun] {
        try storedRuns(
            join: "JOIN experiment_runs er ON er.run_id = r.id JOIN experiments x ON x.id = er.experiment_id",
            where: "x.name = ?", [experiment], orderBy: "er.position, r.config_hash", requiring: experiment)
    }

    public func runs(configHashPrefix prefix: String) throws -> [StoredRun] {
        // GLOB takes `*`, `?` and `[` as wildcards; a prefix holding one matches nothing.
        guard !prefix.contains(where: { "*?[]".contains($0) }) else { return [] }
        return try storedRuns(where: "r.config_hash GLOB ?", [prefix + "*"], orderBy: "r.config_hash")
    }

    public func orphanedRuns() throws -> [StoredRun] {
        try storedRuns(where: "NOT EXISTS (SELECT 1 FROM experiment_runs er WHERE er.run_id = r.id)", [])
    }

    /// The runs that `condition` selects, with the experiment that created
    /// each, in `order`; `join` may add tables for the condition.
    private func storedRuns(
        join: String = "", where condition: String, _ arguments: StatementArguments, orderBy order: String = "r.id",
        requiring experiment: String? = nil
    ) throws -> [StoredRun] {
        try read { db in
            if let experiment { try requireExperiment(experiment, in: db) }
            // fetchAll, not a cursor: this GRDB decodes a NULL text column
            // of a cursor's row as a non-optional String here, and traps.
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT r.*, e.name AS experiment_name,
                           CASE WHEN json_valid(r.params_json) THEN
                               CASE json_type(r.params_json, '$.dataset_checksum')
                                   WHEN 'text' THEN json_extract(r.params_json, '$.dataset_checksum')
                               END
                           END AS dataset_checksum
                    FROM runs r JOIN experiments e ON e.id = r.experiment_id \(join)
                    WHERE \(condition) ORDER BY \(order)
                    """,
                arguments: arguments)
            return try rows.map(storedRun)
        }
    }

    private func storedRun(_ row: Row) throws -> StoredRun {
        let layersText: String = row["layers"]
        let hash: String = row["config_hash"]
        let storedSeed: DatabaseValue = row["seed"]
        guard let seed = UInt64.fromDatabaseValue(storedSeed) else {
            throw ResultsError(path: path, message: "run \(hash) has seed \(storedSeed), not an integer from 0 to \(Int64.max)")
        }
        return StoredRun(
            id: row["id"], experiment: row["experiment_name"],
            record: RunRecord(
                configHash: hash, layers: Self.layerSizes(layersText),
                eta: row["eta"], epochs: row["epochs"], batchSize: row["batch_size"], seed: seed,
                initialization: row["init"], dataset: row["dataset"], trainLimit: row["train_size"],
                testLimit: row["test_size"], paramsJSON: row["params_json"], cost: row["cost"], l2: row["l2"],
                momentum: row["momentum"], patience: row["patience"], etaHalving: row["eta_halving"],
                validationLimit: row["validation_size"]),
            datasetChecksum: row["dataset_checksum"],
            hashVersion: row["hash_version"],
            status: try Self.status(from: row["status"], of: "run \(hash)", path: path),
            error: row["error"], finalAccuracy: row["final_accuracy"], bestAccuracy: row["best_accuracy"],
            bestEpoch: row["best_epoch"], finalTrainCost: row["final_train_cost"], stopReason: row["stop_reason"],
            bestValidationAccuracy: row["best_validation_accuracy"], bestValidationEpoch: row["best_validation_epoch"],
            testAccuracyAtBestValidation: row["test_accuracy_at_best_validation"], wallSeconds: row["wall_seconds"],
            startedAt: row["started_at"], finishedAt: row["finished_at"],
            runnerVersion: row["runner_version"], gitCommit: row["git_commit"],
            kernels: row["kernels"], host: row["host"])
    }

    public func runningRuns() throws -> [RunningRun] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT r.id, r.config_hash, r.host, r.owner_pid,
                       (julianday('now') - julianday(r.heartbeat_at)) * 86400 AS silence,
                       (SELECT json_group_array(x.name) FROM experiment_runs er JOIN experiments x ON x.id = er.experiment_id
                        WHERE er.run_id = r.id) AS experiments
                FROM runs r WHERE r.status = 'running' ORDER BY r.id
                """
            ).map { row in
                let names: String = row["experiments"]
                let experiments = (try? JSONDecoder().decode([String].self, from: Data(names.utf8))) ?? []
                return RunningRun(
                    id: row["id"], configHash: row["config_hash"], host: row["host"], ownerPID: row["owner_pid"],
                    secondsSinceHeartbeat: row["silence"], experiments: experiments.sorted())
            }
        }
    }

    public func runIDs(experiment: String) throws -> [Int64] {
        try read { db in
            try requireExperiment(experiment, in: db)
            return try Int64.fetchAll(
                db,
                sql: """
                    SELECT er.run_id FROM experiment_runs er JOIN experiments e ON e.id = er.experiment_id
                    WHERE e.name = ? ORDER BY er.position, er.run_id
                    """,
                arguments: [experiment])
        }
    }

    public func epochs(runID: Int64) throws -> [EpochRecord] {
        try read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT epoch, train_cost, test_cost, test_accuracy, seconds, eta, validation_cost,
                           validation_accuracy
                    FROM epochs WHERE run_id = ? ORDER BY epoch
                    """,
                arguments: [runID]
            ).map { row in
                // SQLite stores NaN as NULL; give back the NaN training produced.
                // A NULL validation column is no validation set.
                EpochRecord(
                    epoch: row[0],
                    trainCost: row[1] ?? .nan,
                    testCost: row[2] ?? .nan,
                    testAccuracy: row[3] ?? .nan,
                    seconds: row[4] ?? .nan,
                    eta: row[5],
                    validationCost: row[6],
                    validationAccuracy: row[7])
            }
        }
    }

    /// Throws the input error ``ResultsError/noExperiment(named:known:path:)``
    /// unless the database has that experiment.
    func requireExperiment(_ name: String, in db: Database) throws {
        guard try Bool.fetchOne(db, sql: "SELECT 1 FROM experiments WHERE name = ?", arguments: [name]) != nil else {
            let known = try String.fetchAll(db, sql: "SELECT name FROM experiments")
            throw ResultsError.noExperiment(named: name, known: known, path: path)
        }
    }
}
