import GRDB

extension Schema {
    /// Every column of every table and view of a database at the current
    /// schema, by name, from a fresh database migrated in memory.
    static let currentColumns: [String: Set<String>] = {
        do {
            let database = try DatabaseQueue()
            try migrator.migrate(database)
            return try database.read { db in
                var columns: [String: Set<String>] = [:]
                for name in try String.fetchAll(db, sql: """
                    SELECT name FROM sqlite_master
                    WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND name != 'grdb_migrations'
                    """) {
                    columns[name] = try Self.columns(of: name, in: db)
                }
                return columns
            }
        } catch {
            fatalError("the schema does not migrate in memory: \(error)")
        }
    }()

    /// What keeps `db` from being read as the current schema: a table or
    /// view missing, or one of its columns, or a view that no longer
    /// compiles; nil when there is nothing. The reads decode rows by column
    /// name and trap on a missing one, so a file whose recorded migrations
    /// claim the current schema must have its columns. Tables come first,
    /// since a view fails for a column its table lost.
    static func problem(in db: Database) throws -> String? {
        var existing: [String: String] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT name, type FROM sqlite_master") {
            if let name: String = row["name"] { existing[name] = row["type"] }
        }
        let names = currentColumns.keys.sorted { (existing[$0] == "view" ? 1 : 0, $0) < (existing[$1] == "view" ? 1 : 0, $1) }
        for name in names {
            guard existing[name] != nil else { return "it has no \(name)" }
            let found: Set<String>
            do {
                found = try columns(of: name, in: db)
            } catch let error as DatabaseError {
                return "\(name) cannot be read (SQLite: \(error.message ?? "\(error.resultCode)"))"
            }
            if let column = currentColumns[name, default: []].subtracting(found).sorted().first {
                return "\(name) has no column \(column)"
            }
        }
        return nil
    }

    private static func columns(of name: String, in db: Database) throws -> Set<String> {
        Set(try String.fetchAll(db, sql: "SELECT name FROM pragma_table_info(?)", arguments: [name]))
    }
}
