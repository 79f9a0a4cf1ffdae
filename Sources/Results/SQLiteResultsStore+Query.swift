import GRDB

extension SQLiteResultsStore {
    public func query(_ sql: String, arguments: [String: String]) throws -> QueryResult {
        try query(sql, arguments: arguments, limits: .none)
    }

    public func query(_ sql: String, arguments: [String: String], limits: QueryLimits) throws -> QueryResult {
        do {
            // A read-only connection (the store's own when it was opened
            // read-only and no limit asks for one of its own), so no statement
            // can write the database whatever it is. The isReadonly check
            // names the offending statement and also catches VACUUM INTO,
            // which writes another file from a read-only connection. PRAGMAs
            // are let through (SQLite never calls them read-only, even
            // `table_info`); the connection stops those that write.
            let connection: any DatabaseReader = isReadOnly && limits == .none
                ? database
                : try consoleConnection(limited: limits != .none)
            return try connection.read { db in
                try CancellationDeadline.run(on: db, after: limits.timeLimit) {
                    try Self.run(sql, arguments: arguments, rowLimit: limits.rowLimit, in: db, path: path)
                }
            }
        } catch let error as DatabaseError where error.resultCode == .SQLITE_INTERRUPT {
            let seconds = limits.timeLimit.map { $0.formatted(.number.precision(.fractionLength(0...1))) } ?? "?"
            throw ResultsError(path: path, message: "query cancelled: it ran past the time limit of \(seconds) s", kind: .input)
        } catch let error as DatabaseError where error.resultCode == .SQLITE_READONLY {
            // A PRAGMA that writes, stopped by the read-only connection.
            throw ResultsError(path: path, message: "query is read-only; refusing `\(error.sql ?? sql)`", kind: .input)
        } catch let error as DatabaseError where error.resultCode == .SQLITE_ERROR {
            // SQLITE_ERROR is the statement's fault (syntax, no such table), not the database's.
            var failure = ResultsError(path: path, underlying: error)
            failure.kind = .input
            throw failure
        } catch let error as ResultsError {
            throw error
        } catch {
            throw ResultsError(path: path, underlying: error)
        }
    }

    /// A read-only connection of the query's own; a limited one is also
    /// `query_only`, which refuses writes even through an attached database.
    /// A migrated copy in memory is reached only through the store's connection.
    private func consoleConnection(limited: Bool) throws -> any DatabaseReader {
        if readsUpgradedCopy { return database }
        var configuration = Self.configuration(readOnly: true)
        if limited {
            configuration.prepareDatabase { db in
                try db.execute(sql: "PRAGMA query_only = 1")
            }
        }
        return try DatabaseQueue(path: Self.readOnlyLocation(of: path), configuration: configuration)
    }

    private static func run(_ sql: String, arguments: [String: String], rowLimit: Int?, in db: Database, path: String) throws -> QueryResult {
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
            var truncated = false
            let cursor = try Row.fetchCursor(statement)
            while let row = try cursor.next() {
                if let rowLimit, rows.count == rowLimit {
                    truncated = true
                    break
                }
                rows.append(row.databaseValues.map(\.text))
            }
            result = QueryResult(columns: statement.columnNames, rows: rows, truncated: truncated)
        }
        return result
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
                let id: Int64 = (try row.decode(forColumn: "id"))
                if id != lastID {
                    lastID = id
                    let noRuns = Dictionary(uniqueKeysWithValues: RunStatus.allCases.map { ($0, 0) })
                    overviews.append(ExperimentOverview(
                        name: (try row.decode(forColumn: "name")), description: (try row.decode(forColumn: "description")), counts: noRuns,
                        createdAt: (try row.decode(forColumn: "created_at"))))
                }
                if let text: String = (try row.decode(forColumn: "status")) {
                    let status = try Self.status(from: text, of: "a run of experiment \((try row.decode(forColumn: "name")) as String)", path: path)
                    overviews[overviews.count - 1].counts[status] = (try row.decode(forColumn: "count"))
                }
            }
            return overviews
        }
    }
}
