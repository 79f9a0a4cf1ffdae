import GRDB

extension SQLiteResultsStore {
    public func register(
        _ experiment: ExperimentRecord, runs: [RunRecord], replacingSpec: Bool
    ) throws -> [String: RunStatus] {
        // SQLite's INTEGER is a signed 64-bit integer; refused before anything is written.
        if let run = runs.first(where: { $0.seed > UInt64(Int64.max) }) {
            throw ResultsError(
                path: path, message: "run \(run.configHash): seed \(run.seed) is larger than \(Int64.max), the largest seed the database holds",
                kind: .input)
        }
        return try writeTransaction("register experiment \(experiment.name)") { db in
            let experimentID = try registerSpec(experiment, replacing: replacingSpec, in: db)

            // hash_version is read from the JSON, as migration v2 read it
            // for older runs, so the column never disagrees with params_json.
            // A run stored before validation sets were recorded has the
            // identity of the default one; unless it is done, it trains
            // (again, from the start) with the validation set given here.
            let insertRun = try db.cachedStatement(sql: """
                INSERT INTO runs (experiment_id, config_hash, layers, hidden, eta, epochs, batch_size,
                                  seed, init, dataset, train_size, test_size, params_json, hash_version, status,
                                  cost, l2, momentum, patience, eta_halving, validation_size, hidden_total)
                VALUES (:experiment, :hash, :layers, :hidden, :eta, :epochs, :batch, :seed, :init, :dataset,
                        :train, :test, :params,
                        CASE WHEN json_valid(:params) THEN json_extract(:params, '$.hash_version') END,
                        'pending', :cost, :l2, :momentum, :patience, :etaHalving, :validation, :hiddenTotal)
                ON CONFLICT (config_hash) DO UPDATE SET validation_size = excluded.validation_size
                WHERE runs.validation_size IS NULL AND runs.status <> 'done'
                """)
            // Relinking from scratch keeps positions exact when the grid is
            // reordered, and drops runs the experiment no longer lists.
            try db.execute(sql: "DELETE FROM experiment_runs WHERE experiment_id = ?", arguments: [experimentID])
            let link = try db.cachedStatement(sql: """
                INSERT INTO experiment_runs (experiment_id, run_id, position)
                SELECT ?, id, ? FROM runs WHERE config_hash = ?
                ON CONFLICT (experiment_id, run_id) DO NOTHING
                """)
            for (position, run) in runs.enumerated() {
                try insertRun.execute(arguments: [
                    "experiment": experimentID, "hash": run.configHash, "layers": RunRecord.layersText(run.layers),
                    "hidden": RunRecord.layersText(run.layers.dropFirst().dropLast()), "eta": run.eta,
                    "epochs": run.epochs, "batch": run.batchSize, "seed": run.seed, "init": run.initialization,
                    "dataset": run.dataset, "train": run.trainLimit, "test": run.testLimit, "params": run.paramsJSON,
                    "cost": run.cost, "l2": run.l2, "momentum": run.momentum, "patience": run.patience,
                    "etaHalving": run.etaHalving, "validation": run.validationLimit,
                    "hiddenTotal": run.layers.dropFirst().dropLast().reduce(0, +),
                ])
                // A hash listed twice keeps its first position.
                try link.execute(arguments: [experimentID, position, run.configHash])
            }

            var statuses: [String: RunStatus] = [:]
            let rows = try Row.fetchCursor(db, sql: """
                SELECT r.config_hash, r.status FROM experiment_runs er JOIN runs r ON r.id = er.run_id
                WHERE er.experiment_id = ?
                """, arguments: [experimentID])
            while let row = try rows.next() {
                let hash: String = row[0]
                statuses[hash] = try Self.status(from: row[1], of: "run \(hash)", path: path)
            }
            return statuses
        }
    }

    public func statuses(of configHashes: [String]) throws -> [String: RunStatus] {
        try read { db in
            let select = try db.cachedStatement(sql: "SELECT status FROM runs WHERE config_hash = ?")
            var statuses: [String: RunStatus] = [:]
            for hash in configHashes {
                if let text = try String.fetchOne(select, arguments: [hash]) {
                    statuses[hash] = try Self.status(from: text, of: "run \(hash)", path: path)
                }
            }
            return statuses
        }
    }

    public func claim(configHash: String, owner: Provenance, retryFailed: Bool) throws -> Int64? {
        try writeTransaction("claim run \(configHash)") { db in
            guard let row = try Row.fetchOne(
                db, sql: "SELECT id, status FROM runs WHERE config_hash = ?", arguments: [configHash])
            else {
                throw ResultsError(path: path, message: "no run with config hash \(configHash); register its experiment first")
            }
            let runID: Int64 = row[0]
            let status = try Self.status(from: row[1], of: "run \(configHash)", path: path)
            guard status.isClaimable(retryFailed: retryFailed) else { return nil }
            try Self.keepEpochsUpToCheckpoint(of: runID, in: db)
            try db.execute(
                sql: """
                    UPDATE runs SET status = 'running', error = NULL, final_accuracy = NULL,
                        best_accuracy = NULL, best_epoch = NULL, final_train_cost = NULL, stop_reason = NULL,
                        best_validation_accuracy = NULL, best_validation_epoch = NULL,
                        test_accuracy_at_best_validation = NULL, wall_seconds = NULL,
                        started_at = \(Self.nowSQL), finished_at = NULL,
                        runner_version = ?, git_commit = ?, kernels = ?, host = ?, owner_pid = ?,
                        heartbeat_at = \(Self.nowSQL)
                    WHERE id = ?
                    """,
                arguments: [owner.runnerVersion, owner.gitCommit, owner.kernels, owner.host, owner.pid, runID])
            return runID
        }
    }

    public func finish(runID: Int64, status: RunStatus, error: String?, stopReason: String?, wallSeconds: Double) throws {
        guard status != .pending && status != .running else {
            throw ResultsError(path: path, message: "cannot finish run \(runID) as \(status.rawValue): use done, failed or diverged")
        }
        guard status != .pruned else {
            throw ResultsError(path: path, message: "cannot finish run \(runID) as pruned: early stopping prunes runs between rungs (applyDecisions)")
        }
        guard stopReason == nil || status == .done else {
            throw ResultsError(path: path, message: "cannot finish run \(runID) as \(status.rawValue) with a stop reason: only a done run stops early")
        }
        try writeTransaction("finish run \(runID)") { db in
            try db.execute(
                sql: """
                    UPDATE runs SET status = ?, error = ?, stop_reason = ?, wall_seconds = ?,
                        finished_at = \(Self.nowSQL), heartbeat_at = \(Self.nowSQL), \(Self.outcomeFromEpochsSQL)
                    WHERE id = ? AND status = 'running'
                    """,
                arguments: [status.rawValue, error, stopReason, wallSeconds, runID])
            guard db.changesCount == 1 else {
                throw ResultsError(path: path, message: Self.notRunning(runID))
            }
            try db.execute(sql: "DELETE FROM checkpoints WHERE run_id = ?", arguments: [runID])
        }
    }

    public func release(owner: Provenance) throws {
        try writeTransaction("release runs of pid \(owner.pid) on \(owner.host)") { db in
            let owned = try Int64.fetchAll(
                db, sql: "SELECT id FROM runs WHERE status = 'running' AND owner_pid = ? AND host = ?",
                arguments: [owner.pid, owner.host])
            try Self.handBack(owned, in: db)
        }
    }

    static func notRunning(_ runID: Int64) -> String {
        "run \(runID) is not running (no such run, or it was finished or handed back)"
    }

    /// Returns runs to `pending` with no owner, keeping their epochs up to
    /// their checkpoint, so the next sweep continues them after it.
    static func handBack(_ runIDs: [Int64], in db: Database) throws {
        for runID in runIDs {
            try keepEpochsUpToCheckpoint(of: runID, in: db)
            try db.execute(sql: "UPDATE runs SET status = 'pending', \(noOwnerSQL) WHERE id = ?", arguments: [runID])
        }
    }

    /// The assignments that leave a run with no owner, as a pending run has.
    static let noOwnerSQL = """
        started_at = NULL, heartbeat_at = NULL,
        runner_version = NULL, git_commit = NULL, kernels = NULL, host = NULL, owner_pid = NULL
        """

    /// The outcome columns of `runs` and how each follows from the run's
    /// recorded epochs, as SQL over `runs.id`: one definition for every
    /// status that ends a run's training (``finish(runID:status:error:stopReason:wallSeconds:)``,
    /// pruning), so their numbers are computed alike, and for the check that
    /// a stored outcome still matches its epochs (``integrityProblems()``).
    static let outcomeFromEpochs: [(column: String, expression: String)] = [
        ("final_accuracy", "(SELECT test_accuracy FROM epochs WHERE run_id = runs.id ORDER BY epoch DESC LIMIT 1)"),
        ("final_train_cost", "(SELECT train_cost FROM epochs WHERE run_id = runs.id ORDER BY epoch DESC LIMIT 1)"),
        ("best_accuracy", "(SELECT max(test_accuracy) FROM epochs WHERE run_id = runs.id)"),
        ("best_epoch", """
            (SELECT epoch FROM epochs WHERE run_id = runs.id AND test_accuracy IS NOT NULL
             ORDER BY test_accuracy DESC, epoch ASC LIMIT 1)
            """),
        ("best_validation_accuracy", "(SELECT max(validation_accuracy) FROM epochs WHERE run_id = runs.id)"),
        ("best_validation_epoch", """
            (SELECT epoch FROM epochs WHERE run_id = runs.id AND validation_accuracy IS NOT NULL
             ORDER BY validation_accuracy DESC, epoch ASC LIMIT 1)
            """),
        ("test_accuracy_at_best_validation", """
            (SELECT test_accuracy FROM epochs WHERE run_id = runs.id AND validation_accuracy IS NOT NULL
             ORDER BY validation_accuracy DESC, epoch ASC LIMIT 1)
            """),
    ]

    /// ``outcomeFromEpochs`` as the assignments of an `UPDATE runs`.
    static let outcomeFromEpochsSQL = outcomeFromEpochs
        .map { "\($0.column) = \($0.expression)" }
        .joined(separator: ",\n")
}
