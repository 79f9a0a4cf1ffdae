import GRDB

extension SQLiteResultsStore {
    public func run(id: Int64) throws -> StoredRun? {
        try storedRun(where: "r.id = ?", id)
    }

    public func run(configHash: String) throws -> StoredRun? {
        try storedRun(where: "r.config_hash = ?", configHash)
    }

    private func storedRun(where condition: String, _ argument: some DatabaseValueConvertible) throws -> StoredRun? {
        try read { db in
            guard let row = try Row.fetchOne(
                db,
                sql: """
                    SELECT r.*, e.name AS experiment_name,
                           CASE WHEN json_valid(r.params_json) THEN
                               CASE json_type(r.params_json, '$.dataset_checksum')
                                   WHEN 'text' THEN json_extract(r.params_json, '$.dataset_checksum')
                               END
                           END AS dataset_checksum
                    FROM runs r JOIN experiments e ON e.id = r.experiment_id WHERE \(condition)
                    """,
                arguments: [argument])
            else { return nil }
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
