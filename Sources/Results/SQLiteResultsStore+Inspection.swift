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
        let layersText: String = (try row.decode(forColumn: "layers"))
        let hash: String = (try row.decode(forColumn: "config_hash"))
        let storedSeed: DatabaseValue = (try row.decode(forColumn: "seed"))
        guard let seed = UInt64.fromDatabaseValue(storedSeed) else {
            throw ResultsError(path: path, message: "run \(hash) has seed \(storedSeed), not an integer from 0 to \(Int64.max)")
        }
        return StoredRun(
            id: (try row.decode(forColumn: "id")), experiment: (try row.decode(forColumn: "experiment_name")),
            record: RunRecord(
                configHash: hash, layers: Self.layerSizes(layersText),
                eta: (try row.decode(forColumn: "eta")), epochs: (try row.decode(forColumn: "epochs")), batchSize: (try row.decode(forColumn: "batch_size")), seed: seed,
                initialization: (try row.decode(forColumn: "init")), dataset: (try row.decode(forColumn: "dataset")), trainLimit: (try row.decode(forColumn: "train_size")),
                testLimit: (try row.decode(forColumn: "test_size")), paramsJSON: (try row.decode(forColumn: "params_json")), cost: (try row.decode(forColumn: "cost")), l2: row["l2"],
                momentum: (try row.decode(forColumn: "momentum")), patience: (try row.decode(forColumn: "patience")), etaHalving: (try row.decode(forColumn: "eta_halving")),
                validationLimit: (try row.decode(forColumn: "validation_size"))),
            datasetChecksum: (try row.decode(forColumn: "dataset_checksum")),
            hashVersion: (try row.decode(forColumn: "hash_version")),
            status: try Self.status(from: (try row.decode(forColumn: "status")), of: "run \(hash)", path: path),
            error: (try row.decode(forColumn: "error")), finalAccuracy: (try row.decode(forColumn: "final_accuracy")), bestAccuracy: (try row.decode(forColumn: "best_accuracy")),
            bestEpoch: (try row.decode(forColumn: "best_epoch")), finalTrainCost: (try row.decode(forColumn: "final_train_cost")), stopReason: (try row.decode(forColumn: "stop_reason")),
            bestValidationAccuracy: (try row.decode(forColumn: "best_validation_accuracy")), bestValidationEpoch: (try row.decode(forColumn: "best_validation_epoch")),
            testAccuracyAtBestValidation: (try row.decode(forColumn: "test_accuracy_at_best_validation")), wallSeconds: (try row.decode(forColumn: "wall_seconds")),
            startedAt: (try row.decode(forColumn: "started_at")), finishedAt: (try row.decode(forColumn: "finished_at")),
            runnerVersion: (try row.decode(forColumn: "runner_version")), gitCommit: (try row.decode(forColumn: "git_commit")),
            kernels: (try row.decode(forColumn: "kernels")), host: (try row.decode(forColumn: "host")))
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
                let names: String = (try row.decode(forColumn: "experiments"))
                let experiments = (try? JSONDecoder().decode([String].self, from: Data(names.utf8))) ?? []
                return RunningRun(
                    id: (try row.decode(forColumn: "id")), configHash: (try row.decode(forColumn: "config_hash")), host: (try row.decode(forColumn: "host")), ownerPID: (try row.decode(forColumn: "owner_pid")),
                    secondsSinceHeartbeat: (try row.decode(forColumn: "silence")), experiments: experiments.sorted())
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
                    epoch: try row.decode(atIndex: 0),
                    trainCost: try row.decode(atIndex: 1) ?? .nan,
                    testCost: try row.decode(atIndex: 2) ?? .nan,
                    testAccuracy: try row.decode(atIndex: 3) ?? .nan,
                    seconds: try row.decode(atIndex: 4) ?? .nan,
                    eta: try row.decode(atIndex: 5),
                    validationCost: try row.decode(atIndex: 6),
                    validationAccuracy: try row.decode(atIndex: 7))
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
