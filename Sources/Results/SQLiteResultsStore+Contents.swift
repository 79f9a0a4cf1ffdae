import GRDB

extension SQLiteResultsStore {
    /// How many experiments, runs and epochs the database holds.
    public func contents() throws -> DatabaseContents {
        try read(Self.contents)
    }

    /// Counts what the file at `path` holds, read-only.
    static func contents(of path: String) throws -> DatabaseContents {
        do {
            let file = try DatabaseQueue(path: path, configuration: configuration(readOnly: true))
            defer { try? file.close() }
            return try file.read(contents)
        } catch {
            throw ResultsError(path: path, underlying: error)
        }
    }

    static func contents(_ db: Database) throws -> DatabaseContents {
        DatabaseContents(
            experiments: try Int.fetchOne(db, sql: "SELECT count(*) FROM experiments") ?? 0,
            runs: try Int.fetchOne(db, sql: "SELECT count(*) FROM runs") ?? 0,
            epochs: try Int.fetchOne(db, sql: "SELECT count(*) FROM epochs") ?? 0)
    }
}
