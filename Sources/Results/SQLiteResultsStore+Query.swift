import GRDB

extension SQLiteResultsStore {
    public func query(_ sql: String, arguments: [String: String]) throws -> QueryResult {
        do {
            // A read-only connection (the store's own when it was opened
            // read-only), so no statement can write the database whatever it
            // is. The isReadonly check names the offending statement and also
            // catches VACUUM INTO, which writes another file from a read-only
            // connection. PRAGMAs are let through (SQLite never calls them
            // read-only, even `table_info`); the connection stops those that write.
            let connection: any DatabaseReader = isReadOnly
                ? database
                : try DatabaseQueue(path: Self.readOnlyLocation(of: path), configuration: Self.configuration(readOnly: true))
            return try connection.read { db in
                var result = QueryResult(columns: [], rows: [])
                let statements = try db.allStatements(sql: sql)
                while let statement = try statements.next() {
                    guard statement.isReadonly || Self.isPragma(statement.sql) else {
                        throw ResultsError(path: path, message: "query is read-only; refusing `\(statement.sql)`", kind: .input)
                    }
                    // Every parameter needs a value: one left unbound would
                    // compare as NULL and quietly match nothing.
                    do {
                        try statement.setArguments(StatementArguments(arguments.mapValues { $0 as (any DatabaseValueConvertible)? }))
                    } catch let error as DatabaseError where error.resultCode == .SQLITE_MISUSE {
                        let given = arguments.keys.sorted().map { ":" + $0 }.joined(separator: ", ")
                        throw ResultsError(
                            path: path,
                            message: "no value for a parameter of `\(statement.sql)` "
                                + (given.isEmpty ? "(none is given)" : "(given: \(given))"),
                            kind: .input)
                    }
                    var rows: [[String?]] = []
                    let cursor = try Row.fetchCursor(statement)
                    while let row = try cursor.next() {
                        rows.append(row.databaseValues.map(\.text))
                    }
                    result = QueryResult(columns: statement.columnNames, rows: rows)
                }
                return result
            }
        } catch let error as DatabaseError where error.resultCode == .SQLITE_ERROR {
            // SQLITE_ERROR is the statement's fault (syntax, no such table), not the database's.
            var failure = ResultsError(path: path, underlying: error)
            failure.kind = .input
            throw failure
        } catch {
            throw ResultsError(path: path, underlying: error)
        }
    }

    private static func isPragma(_ sql: String) -> Bool {
        sql.drop(while: \.isWhitespace).prefix(6).uppercased() == "PRAGMA"
    }

    public func overview() throws -> [ExperimentOverview] {
        try read { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT e.id, e.name, e.description, e.created_at, r.status, count(r.id) AS count
                FROM experiments e
                LEFT JOIN experiment_runs er ON er.experiment_id = e.id
                LEFT JOIN runs r ON r.id = er.run_id
                GROUP BY e.id, r.status
                ORDER BY e.created_at, e.id
                """)
            var overviews: [ExperimentOverview] = []
            var lastID: Int64?
            for row in rows {
                let id: Int64 = row["id"]
                if id != lastID {
                    lastID = id
                    let noRuns = Dictionary(uniqueKeysWithValues: RunStatus.allCases.map { ($0, 0) })
                    overviews.append(ExperimentOverview(
                        name: row["name"], description: row["description"], counts: noRuns,
                        createdAt: row["created_at"]))
                }
                if let text: String = row["status"] {
                    let status = try Self.status(from: text, of: "a run of experiment \(row["name"] as String)", path: path)
                    overviews[overviews.count - 1].counts[status] = row["count"]
                }
            }
            return overviews
        }
    }
}
