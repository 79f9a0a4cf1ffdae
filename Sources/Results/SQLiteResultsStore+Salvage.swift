import Foundation
import GRDB

// `runner recover`: what can still be read of a damaged database, copied into
// a new one, and an account of what was lost.
extension SQLiteResultsStore {
    /// Copies what can still be read of the database at `damaged` into a new
    /// database at `destination`, then opens it as a store (bringing its
    /// schema up to date) and reports what came back against what the
    /// recovered rows say there should be.
    ///
    /// `damaged` is never opened: its file and write-ahead log are copied
    /// into a scratch directory first, and the copy is read. With `shell`
    /// (the `sqlite3` command-line shell) the copy is read by its `.recover`,
    /// which finds rows on pages no intact b-tree leads to any more. The
    /// system's SQLite library lacks the recovery API, and Debian 12's shell
    /// `.recover` fails for want of the `sqlite_dbpage` table; without a shell
    /// whose `.recover` works, each table is read row by row, skipping the
    /// rows that cannot be read.
    ///
    /// ```swift
    /// let report = try SQLiteResultsStore.recover("results.sqlite", to: "recovered.sqlite", shell: "/usr/bin/sqlite3")
    /// print(report.recovered.runs, "runs,", report.recovered.epochs, "of", report.expectedEpochs, "epochs")
    /// ```
    ///
    /// - Throws: ``ResultsError`` (input) when `destination` exists or
    ///   `damaged` does not; a failure of the shell, with its message.
    public static func recover(_ damaged: String, to destination: String, shell: String?) throws -> RecoveryReport {
        let files = FileManager.default
        guard files.fileExists(atPath: damaged) else {
            throw ResultsError(path: damaged, message: "does not exist", kind: .input)
        }
        if files.fileExists(atPath: destination) {
            throw ResultsError(path: destination, message: "already exists; recover into a new file", kind: .input)
        }
        let scratch = files.temporaryDirectory.appendingPathComponent("runner-recover-\(UUID().uuidString)").path
        try files.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        defer { try? files.removeItem(atPath: scratch) }
        let copy = scratch + "/damaged.sqlite"
        do {
            try files.copyItem(atPath: damaged, toPath: copy)
            if files.fileExists(atPath: damaged + "-wal") { try files.copyItem(atPath: damaged + "-wal", toPath: copy + "-wal") }
        } catch {
            throw ResultsError(path: damaged, message: "cannot copy it to read: \(error.localizedDescription)")
        }

        var method = RecoveryReport.Method.tableByTable(because: "no sqlite3 on PATH")
        do {
            if let shell {
                do {
                    try recoverWithShell(shell, from: copy, to: destination, scratch: scratch)
                    method = .sqliteRecover(shell: shell)
                } catch let failure as ShellRecoveryFailure {
                    // Debian's shell has `.recover` but its SQLite lacks the
                    // `sqlite_dbpage` table it reads pages through.
                    try? files.removeItem(atPath: destination)
                    method = .tableByTable(because: "sqlite3's .recover failed: \(failure.message)")
                }
            }
            if case .tableByTable = method { try copyTableByTable(from: copy, to: destination, damaged: damaged) }
        } catch {
            try? files.removeItem(atPath: destination)
            throw error
        }
        let store = try SQLiteResultsStore(path: destination)
        defer { try? store.close() }
        return try store.read { db in try recoveryReport(db, method: method) }
    }

    /// Why the shell could not recover, in its own words.
    private struct ShellRecoveryFailure: Error {
        let message: String
    }

    /// `sqlite3 COPY .recover | sqlite3 DESTINATION`.
    private static func recoverWithShell(_ shell: String, from copy: String, to destination: String, scratch: String) throws {
        let sql = scratch + "/recovered.sql"
        let recover = try runShell(shell, [copy, ".recover"], input: nil, output: sql, scratch: scratch)
        guard recover.status == 0 else {
            throw ShellRecoveryFailure(message: "exit \(recover.status), \(ResultsError.oneLine(recover.errors))")
        }
        let load = try runShell(shell, ["-bail", destination], input: sql, output: nil, scratch: scratch)
        guard load.status == 0 else {
            throw ShellRecoveryFailure(message: "loading its output: exit \(load.status), \(ResultsError.oneLine(load.errors))")
        }
    }

    private static func runShell(
        _ shell: String, _ arguments: [String], input: String?, output: String?, scratch: String
    ) throws -> (status: Int32, errors: String) {
        let errors = scratch + "/stderr-\(UUID().uuidString)"
        let files = FileManager.default
        _ = files.createFile(atPath: errors, contents: nil)
        if let output { _ = files.createFile(atPath: output, contents: nil) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: shell)
        process.arguments = arguments
        process.standardInput = try input.map { try FileHandle(forReadingFrom: URL(fileURLWithPath: $0)) } ?? FileHandle.nullDevice
        process.standardOutput = try output.map { try FileHandle(forWritingTo: URL(fileURLWithPath: $0)) } ?? FileHandle.nullDevice
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: errors))
        do {
            try process.run()
        } catch {
            throw ResultsError(path: shell, message: "cannot run it: \(error.localizedDescription)")
        }
        process.waitUntilExit()
        return (process.terminationStatus, (try? String(contentsOfFile: errors, encoding: .utf8)) ?? "")
    }

    /// Every table of the copy whose schema can be read, created in
    /// `destination` and filled row by row in rowid order, around the rows
    /// that cannot be read (``copyRows(of:from:into:)``). Indexes and views
    /// are created after the rows.
    private static func copyTableByTable(from copy: String, to destination: String, damaged: String) throws {
        do {
            let source: DatabaseQueue
            let schema: [(type: String, name: String, sql: String)]
            do {
                source = try DatabaseQueue(path: copy)
                schema = try source.read { db in
                    try Row.fetchAll(db, sql: """
                        SELECT type, name, sql FROM sqlite_master
                        WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY rootpage = 0, type = 'index'
                        """).map { (type: $0["type"] as String, name: $0["name"] as String, sql: $0["sql"] as String) }
                }
            } catch let error as DatabaseError where error.resultCode == .SQLITE_CORRUPT || error.resultCode == .SQLITE_NOTADB {
                throw ResultsError(
                    path: damaged,
                    message: "its schema cannot be read (SQLite: \(error.message ?? "database disk image is malformed")), "
                        + "so no table can be found in it without a sqlite3 whose .recover works")
            }
            defer { try? source.close() }
            let target = try DatabaseQueue(path: destination)
            defer { try? target.close() }
            try target.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA foreign_keys = OFF")
                try db.inTransaction {
                    for object in schema where object.type == "table" {
                        try db.execute(sql: object.sql)
                        try copyRows(of: object.name, from: source, into: db)
                    }
                    for object in schema where object.type != "table" { try db.execute(sql: object.sql) }
                    return .commit
                }
            }
        } catch let error as ResultsError {
            throw error
        } catch {
            throw ResultsError(path: copy, underlying: error)
        }
    }

    /// Copies the rows of `table` in rowid order. When a row cannot be read,
    /// the first rowid after it from which reading works again is sought:
    /// steps that double until one works, then halving back between the
    /// last that failed and the first that worked, since a damaged page
    /// holds a run of consecutive rowids and only those are lost.
    private static func copyRows(of table: String, from source: DatabaseQueue, into target: Database) throws {
        let quoted = table.quotedDatabaseIdentifier
        let columns = try source.inDatabase { db in try db.columns(in: table).map(\.name) }
        let insert = try target.makeStatement(sql: """
            INSERT INTO \(quoted) (rowid, \(columns.map(\.quotedDatabaseIdentifier).joined(separator: ", ")))
            VALUES (?\(String(repeating: ", ?", count: columns.count)))
            """)
        // `>=`, not `>` the last rowid read: SQLite seeks `rowid > n` by
        // landing on n, which may be on the damaged page.
        let select = "SELECT rowid, * FROM \(quoted) WHERE rowid >= ? ORDER BY rowid"
        /// Whether the first row from `rowid` on can be read (true when there is none).
        func readable(from rowid: Int64) -> Bool {
            (try? source.inDatabase { db in _ = try Row.fetchOne(db, sql: select + " LIMIT 1", arguments: [rowid]) }) != nil
        }
        var next = Int64.min
        while true {
            do {
                try source.inDatabase { db in
                    let rows = try Row.fetchCursor(db, sql: select, arguments: [next])
                    while let row = try rows.next() {
                        try insert.execute(arguments: StatementArguments(row.databaseValues))
                        let rowid: Int64 = row[0]
                        next = rowid + 1
                    }
                }
                return
            } catch let error as DatabaseError where error.resultCode == .SQLITE_CORRUPT {
                // Rowids start at 1: nothing read yet is reading from 1 failing.
                var failed = max(next, 1)
                var step: Int64 = 1
                var works: Int64
                while true {
                    let (candidate, overflow) = failed.addingReportingOverflow(step)
                    if overflow || step > 1 << 40 { return }
                    if readable(from: candidate) {
                        works = candidate
                        break
                    }
                    failed = candidate
                    step *= 2
                }
                while works - failed > 1 {
                    let middle = failed + (works - failed) / 2
                    if readable(from: middle) { works = middle } else { failed = middle }
                }
                next = works
            }
        }
    }

    private static func recoveryReport(_ db: Database, method: RecoveryReport.Method) throws -> RecoveryReport {
        let rows = try Row.fetchAll(db, sql: """
            SELECT r.id, r.config_hash, r.status,
                   (SELECT count(*) FROM epochs WHERE run_id = r.id) AS recovered,
                   coalesce(
                       CASE WHEN r.status = 'done' AND r.stop_reason IS NULL THEN r.epochs
                            WHEN r.status = 'pruned' THEN (SELECT max(epoch) FROM decisions WHERE run_id = r.id AND verdict = 'prune')
                            ELSE (SELECT epoch FROM checkpoints WHERE run_id = r.id) END,
                       (SELECT max(epoch) FROM epochs WHERE run_id = r.id),
                       0) AS expected
            FROM runs r ORDER BY r.id
            """)
        var incomplete: [RecoveryReport.IncompleteRun] = []
        var expectedEpochs = 0
        for row in rows {
            let recovered: Int = row["recovered"]
            let expected: Int = row["expected"]
            expectedEpochs += max(expected, recovered)
            if recovered < expected {
                incomplete.append(RecoveryReport.IncompleteRun(
                    run: IntegrityProblem.Run(id: row["id"], configHash: row["config_hash"], status: row["status"]),
                    recovered: recovered, expected: expected))
            }
        }
        let lost = try Row.fetchAll(db, sql: """
            SELECT id, (SELECT count(*) FROM epochs WHERE run_id = named.id) AS epochs FROM (
                SELECT run_id AS id FROM epochs UNION SELECT run_id FROM experiment_runs
                UNION SELECT run_id FROM checkpoints UNION SELECT run_id FROM decisions
            ) named
            WHERE id NOT IN (SELECT id FROM runs) ORDER BY id
            """).map { RecoveryReport.LostRun(id: $0["id"], epochs: $0["epochs"]) }
        let hasLostAndFound = try db.tableExists("lost_and_found")
        return RecoveryReport(
            method: method,
            recovered: try contents(db),
            expectedEpochs: expectedEpochs, incompleteRuns: incomplete, lostRuns: lost,
            lostAndFound: hasLostAndFound ? try Int.fetchOne(db, sql: "SELECT count(*) FROM lost_and_found") ?? 0 : 0)
    }
}
