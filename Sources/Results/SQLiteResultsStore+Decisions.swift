import GRDB

// Early stopping's state: runs paused at a rung, the rungs' decisions, and
// the runs they prune or promote again.
extension SQLiteResultsStore {
    public func pause(runID: Int64) throws {
        try writeTransaction("pause run \(runID)") { db in
            // Unlike a hand-back, every epoch stays, whether or not the
            // checkpoint follows it: the rung's decision ranks the run on them.
            try db.execute(
                sql: "UPDATE runs SET status = 'pending', \(Self.noOwnerSQL) WHERE id = ? AND status = 'running'",
                arguments: [runID])
        }
    }

    public func applyDecisions(experiment: String, _ decisions: [Decision], pruned: [Int64: Int]) throws {
        try writeTransaction("apply the early-stopping decisions of experiment \(experiment)") { db in
            guard let experimentID = try Int64.fetchOne(
                db, sql: "SELECT id FROM experiments WHERE name = ?", arguments: [experiment])
            else {
                let known = try String.fetchAll(db, sql: "SELECT name FROM experiments")
                throw ResultsError.noExperiment(named: experiment, known: known, path: path)
            }
            try storeDecisions(decisions, experimentID: experimentID, in: db)
            for (runID, epoch) in pruned.sorted(by: { $0.key < $1.key }) {
                try prune(runID: runID, after: epoch, in: db)
            }
            let reopened = try Int64.fetchAll(db, sql: """
                SELECT r.id FROM experiment_runs er JOIN runs r ON r.id = er.run_id
                WHERE er.experiment_id = ? AND r.status = 'pruned' ORDER BY r.id
                """, arguments: [experimentID]).filter { pruned[$0] == nil }
            for runID in reopened {
                try db.execute(
                    sql: """
                        UPDATE runs SET status = 'pending', error = NULL, stop_reason = NULL, final_accuracy = NULL,
                            best_accuracy = NULL, best_epoch = NULL, final_train_cost = NULL,
                            best_validation_accuracy = NULL, best_validation_epoch = NULL,
                            test_accuracy_at_best_validation = NULL, wall_seconds = NULL, finished_at = NULL,
                            \(Self.noOwnerSQL)
                        WHERE id = ?
                        """,
                    arguments: [runID])
            }
        }
    }

    private static let decisionColumns = """
        run_id, bracket, rung, epoch, metric, metric_value, threshold, rank, rung_size, verdict, decided_at
        """

    /// Replaces the experiment's decisions with `decisions`, keeping the
    /// rows that are unchanged, with their time.
    private func storeDecisions(_ decisions: [Decision], experimentID: Int64, in db: Database) throws {
        let stored = try Row.fetchAll(
            db, sql: "SELECT id, \(Self.decisionColumns) FROM decisions WHERE experiment_id = ?", arguments: [experimentID])
        // Each stored row decoded once, by (run, rung), which is unique per
        // experiment: a search of thousands of runs compares in linear time.
        var storedByRung: [[Int64]: (id: Int64, decision: Decision)] = [:]
        for row in stored {
            guard let decision = try? Self.decision(from: row, path: path) else { continue }
            let id: Int64 = try row.decode(forColumn: "id")
            storedByRung[[decision.runID, Int64(decision.rung)]] = (id, decision)
        }
        var unchanged: Set<Int64> = []
        var toInsert: [Decision] = []
        for decision in decisions {
            if let same = storedByRung[[decision.runID, Int64(decision.rung)]], same.decision.sameValues(as: decision),
               unchanged.insert(same.id).inserted {
                continue
            }
            toInsert.append(decision)
        }
        for row in stored where !unchanged.contains((try row.decode(forColumn: "id"))) {
            try db.execute(sql: "DELETE FROM decisions WHERE id = ?", arguments: [(try row.decode(forColumn: "id")) as Int64])
        }
        let insert = try db.cachedStatement(sql: """
            INSERT INTO decisions (experiment_id, \(Self.decisionColumns))
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, \(Self.nowSQL))
            """)
        for decision in toInsert {
            try insert.execute(arguments: [
                experimentID, decision.runID, decision.bracket, decision.rung, decision.epoch, decision.metric,
                decision.value, decision.threshold, decision.rank, decision.rungSize, decision.verdict.rawValue,
            ])
        }
    }

    /// Stops a run that is not running at `epoch`, unless it already stops there.
    private func prune(runID: Int64, after epoch: Int, in db: Database) throws {
        guard let row = try Row.fetchOne(db, sql: """
            SELECT status,
                   EXISTS (SELECT 1 FROM epochs WHERE run_id = runs.id AND epoch > :epoch)
                   OR EXISTS (SELECT 1 FROM checkpoints WHERE run_id = runs.id AND epoch > :epoch) AS has_later
            FROM runs WHERE id = :run
            """, arguments: ["run": runID, "epoch": epoch])
        else {
            throw ResultsError(path: path, message: "no run with id \(runID) to prune")
        }
        let status: String = (try row.decode(forColumn: "status"))
        let hasLater: Bool = (try row.decode(forColumn: "has_later"))
        if status == RunStatus.running.rawValue || (status == RunStatus.pruned.rawValue && !hasLater) { return }
        try db.execute(sql: "DELETE FROM epochs WHERE run_id = ? AND epoch > ?", arguments: [runID, epoch])
        try db.execute(sql: "DELETE FROM checkpoints WHERE run_id = ? AND epoch > ?", arguments: [runID, epoch])
        try db.execute(
            sql: """
                UPDATE runs SET status = 'pruned', error = NULL, stop_reason = NULL,
                    wall_seconds = (SELECT sum(seconds) FROM epochs WHERE run_id = runs.id),
                    finished_at = \(Self.nowSQL), \(Self.outcomeFromEpochsSQL)
                WHERE id = ?
                """,
            arguments: [runID])
    }

    public func decisions(experiment: String) throws -> [Decision] {
        try read { db in
            try requireExperiment(experiment, in: db)
            return try Row.fetchAll(db, sql: """
                SELECT d.* FROM decisions d JOIN experiments e ON e.id = d.experiment_id
                WHERE e.name = ? ORDER BY d.bracket, d.rung, d.rank, d.run_id
                """, arguments: [experiment]).map { try Self.decision(from: $0, path: path) }
        }
    }

    public func decisions(runID: Int64) throws -> [(experiment: String, decision: Decision)] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT e.name AS experiment, d.*
                FROM decisions d JOIN experiments e ON e.id = d.experiment_id
                WHERE d.run_id = ? ORDER BY d.rung, e.name, d.bracket
                """, arguments: [runID]).map { (experiment: (try $0.decode(forColumn: "experiment")), decision: try Self.decision(from: $0, path: path)) }
        }
    }

    private static func decision(from row: Row, path: String) throws -> Decision {
        let verdictText: String = (try row.decode(forColumn: "verdict"))
        guard let verdict = Decision.Verdict(rawValue: verdictText) else {
            throw ResultsError(path: path, message: "a decision on run \((try row.decode(forColumn: "run_id")) as Int64) has unknown verdict \(verdictText)")
        }
        return Decision(
            runID: (try row.decode(forColumn: "run_id")), bracket: (try row.decode(forColumn: "bracket")), rung: (try row.decode(forColumn: "rung")), epoch: (try row.decode(forColumn: "epoch")),
            metric: (try row.decode(forColumn: "metric")), value: (try row.decode(forColumn: "metric_value")), threshold: (try row.decode(forColumn: "threshold")), rank: (try row.decode(forColumn: "rank")),
            rungSize: (try row.decode(forColumn: "rung_size")), verdict: verdict, decidedAt: (try row.decode(forColumn: "decided_at")))
    }
}

extension Decision {
    /// Equal in everything the caller decides: `decidedAt` is the store's.
    fileprivate func sameValues(as other: Decision) -> Bool {
        var other = other
        other.decidedAt = decidedAt
        return self == other
    }
}
