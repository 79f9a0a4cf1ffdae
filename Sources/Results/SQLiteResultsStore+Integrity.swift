import GRDB

// The full check (`runner check`): SQLite's, then the foreign keys, then the
// rules the runner itself keeps between runs, epochs, checkpoints and decisions.
extension SQLiteResultsStore {
    /// Everything wrong with the database, empty when nothing is: the file's
    /// `PRAGMA integrity_check` (every page, and every index against its
    /// table) and, when that finds nothing, `PRAGMA foreign_key_check` and
    /// the runner's invariants, read from one snapshot, so a sweep may write
    /// meanwhile:
    ///
    /// - each run's epochs are 1, 2, …, n;
    /// - a `done` run has its `epochs` epochs, at most that many with a `stop_reason`;
    /// - a `pruned` run has fewer, and a `prune` decision at its last one;
    /// - a finished run's outcome columns are what its epochs give (the
    ///   store's own ``outcomeFromEpochs`` computes both);
    /// - only unfinished and pruned runs have a checkpoint, at their last epoch.
    ///
    /// Invariants are not read through a damaged file: what its damaged
    /// pages would give is noise.
    ///
    /// ```swift
    /// let problems = try SQLiteResultsStore(path: "results/results.sqlite", readOnly: true).integrityProblems()
    /// print(problems.isEmpty ? "ok" : "\(problems.count) problems")
    /// ```
    public func integrityProblems() throws -> [IntegrityProblem] {
        let damage = try Self.fileIntegrityProblems(at: path)
        guard damage.isEmpty else { return damage }
        return try read { db in
            try Self.foreignKeyProblems(db) + Self.epochProblems(db) + Self.outcomeProblems(db) + Self.checkpointProblems(db)
        }
    }

    /// ``integrityProblems()`` of the file at `path`, damaged or not: a
    /// file whose schema SQLite cannot read cannot be opened as a store, so
    /// SQLite's check of the file comes first and alone.
    ///
    /// ```swift
    /// let problems = try SQLiteResultsStore.integrityProblems(at: "results/results.sqlite")
    /// ```
    public static func integrityProblems(at path: String) throws -> [IntegrityProblem] {
        try checkFile(at: path, readOnly: true)
        let damage = try fileIntegrityProblems(at: path)
        guard damage.isEmpty else { return damage }
        let store = try SQLiteResultsStore(path: path, readOnly: true)
        defer { try? store.close() }
        return try store.integrityProblems()
    }

    /// `integrity_check` of the file itself, not of the upgraded copy in
    /// memory a read-only store of an older schema reads.
    private static func fileIntegrityProblems(at path: String) throws -> [IntegrityProblem] {
        do {
            let file = try DatabaseQueue(path: readOnlyLocation(of: path), configuration: configuration(readOnly: true))
            defer { try? file.close() }
            return try file.inDatabase { db in try checkFindings(db, "PRAGMA integrity_check") }.map(IntegrityProblem.sqlite)
        } catch let error as DatabaseError where error.resultCode == .SQLITE_CORRUPT || error.resultCode == .SQLITE_NOTADB {
            return [.sqlite(error.message ?? "database disk image is malformed")]
        } catch {
            throw ResultsError(path: path, underlying: error)
        }
    }

    private static func foreignKeyProblems(_ db: Database) throws -> [IntegrityProblem] {
        try Row.fetchAll(db, sql: "PRAGMA foreign_key_check").map { row in
            .foreignKey(table: row[0], rowid: row[1], parent: row[2])
        }
    }

    private static func run(_ row: Row) -> IntegrityProblem.Run {
        IntegrityProblem.Run(id: row["id"], configHash: row["config_hash"], status: row["status"])
    }

    private static func epochProblems(_ db: Database) throws -> [IntegrityProblem] {
        let rows = try Row.fetchAll(db, sql: """
            SELECT r.id, r.config_hash, r.status, r.epochs AS requested, r.stop_reason,
                   coalesce(s.n, 0) AS n, s.first, s.last,
                   EXISTS (SELECT 1 FROM decisions d
                           WHERE d.run_id = r.id AND d.verdict = 'prune' AND d.epoch = s.last) AS pruned_there
            FROM runs r LEFT JOIN (
                SELECT run_id, count(*) AS n, min(epoch) AS first, max(epoch) AS last FROM epochs GROUP BY run_id
            ) s ON s.run_id = r.id
            ORDER BY r.id
            """)
        var problems: [IntegrityProblem] = []
        for row in rows {
            let run = run(row)
            let count: Int = row["n"]
            let requested: Int = row["requested"]
            let last: Int? = row["last"]
            if count > 0, row["first"] != 1 || last != count {
                problems.append(.epochsNotContiguous(run, count: count, first: row["first"], last: last ?? 0))
            }
            switch run.status {
            case RunStatus.done.rawValue:
                let stoppedEarly = (row["stop_reason"] as String?) != nil
                if stoppedEarly ? count > requested || count == 0 : count != requested {
                    problems.append(.doneRunIncomplete(run, recorded: count, requested: requested, stoppedEarly: stoppedEarly))
                }
            case RunStatus.pruned.rawValue:
                if count >= requested { problems.append(.prunedRunComplete(run, recorded: count)) }
                if !(row["pruned_there"] as Bool) { problems.append(.prunedWithoutDecision(run, lastEpoch: last)) }
            default:
                break
            }
        }
        return problems
    }

    /// Statuses whose outcome columns were computed from the epochs when
    /// the run stopped training; other runs have none yet.
    private static let statusesWithOutcome = [RunStatus.done, .failed, .diverged, .pruned]
        .map { "'\($0.rawValue)'" }.joined(separator: ", ")

    private static func outcomeProblems(_ db: Database) throws -> [IntegrityProblem] {
        let columns = outcomeFromEpochs.enumerated().map { index, outcome in
            "quote(\(outcome.column)) AS stored\(index), quote(\(outcome.expression)) AS computed\(index)"
        }.joined(separator: ",\n")
        let differs = outcomeFromEpochs.map { "\($0.column) IS NOT \($0.expression)" }.joined(separator: " OR ")
        let rows = try Row.fetchAll(db, sql: """
            SELECT id, config_hash, status, \(columns)
            FROM runs WHERE status IN (\(statusesWithOutcome)) AND (\(differs))
            ORDER BY id
            """)
        var problems: [IntegrityProblem] = []
        for row in rows {
            for (index, outcome) in outcomeFromEpochs.enumerated() {
                let stored: String = row["stored\(index)"]
                let computed: String = row["computed\(index)"]
                if stored != computed {
                    problems.append(.outcomeMismatch(
                        run(row), column: outcome.column,
                        stored: stored == "NULL" ? nil : stored, fromEpochs: computed == "NULL" ? nil : computed))
                }
            }
        }
        return problems
    }

    private static func checkpointProblems(_ db: Database) throws -> [IntegrityProblem] {
        let finished = Set([RunStatus.done, .failed, .diverged].map(\.rawValue))
        let rows = try Row.fetchAll(db, sql: """
            SELECT r.id, r.config_hash, r.status, c.epoch,
                   (SELECT max(epoch) FROM epochs WHERE run_id = r.id) AS last
            FROM checkpoints c JOIN runs r ON r.id = c.run_id
            ORDER BY r.id
            """)
        var problems: [IntegrityProblem] = []
        for row in rows {
            let run = run(row)
            let epoch: Int = row["epoch"]
            let last: Int? = row["last"]
            if finished.contains(run.status) {
                problems.append(.checkpointOfFinishedRun(run, epoch: epoch))
            } else if last != epoch {
                problems.append(.checkpointNotAtLastEpoch(run, epoch: epoch, lastEpoch: last))
            }
        }
        return problems
    }
}
