import Foundation
import GRDB

// Opening a file: refusing what is not ours before writing to it, creating
// and migrating the schema, and surviving other processes doing the same at
// the same moment.
extension SQLiteResultsStore {
    /// Opens `path` once: checks a file that has content through a read-only
    /// connection, opens the real connection, and brings the schema up to
    /// date: in the file when writing, else in a copy (`upgradedCopy`).
    static func open(path: String, readOnly: Bool) throws -> (database: any DatabaseWriter, upgradedCopy: Bool) {
        let configuration = configuration(readOnly: readOnly)
        if readOnly {
            let database = try DatabaseQueue(path: readOnlyLocation(of: path), configuration: configuration)
            guard try checkSchema(of: database, path: path) else {
                // Migrating a copy of damaged pages fails on whichever
                // statement first reads one; SQLite's own finding says more.
                try refuseDamaged(database, path: path)
                return (try upgradedCopy(of: database, path: path), true)
            }
            return (database, false)
        }
        // Opening a pool switches the file to WAL mode and writes to it, so a
        // file that is not a results database this runner knows, or one that
        // is damaged, is refused through a read-only connection first and
        // left byte for byte as it was, its write-ahead log included.
        if hasContent(path) {
            let file = try DatabaseQueue(path: path, configuration: Self.configuration(readOnly: true))
            _ = try checkSchema(of: file, path: path)
            try refuseDamaged(file, path: path)
            try file.close()
        }
        let database = try DatabasePool(path: path, configuration: configuration)
        if try !checkSchema(of: database, path: path) {
            try Schema.migrator.migrate(database)
        }
        return (database, false)
    }

    /// A file of an older schema, read as this runner's without writing to
    /// it (it may be another runner's, or on a read-only mount): a copy in
    /// memory, migrated. The copy is shared by name so that `merge` can
    /// attach it; it lives as long as the returned connection.
    ///
    /// A migration that fails on the copy is the file's doing (its recorded
    /// migrations disagree with its tables), never a race with another
    /// process, so it is refused at once rather than retried.
    private static func upgradedCopy(of file: DatabaseQueue, path: String) throws -> DatabaseQueue {
        var configuration = Configuration()
        configuration.label = "Results"
        let copy = try DatabaseQueue(named: "results-upgraded-\(UUID().uuidString)", configuration: configuration)
        try file.backup(to: copy)
        try file.close()
        do {
            try Schema.migrator.migrate(copy)
        } catch let error as DatabaseError {
            throw ResultsError(
                path: path,
                message: "has a schema this runner cannot bring up to date (SQLite: \(error.message ?? "\(error.resultCode)"))",
                kind: .input)
        }
        return copy
    }

    /// Runs `open` again, from the start and after a randomised backoff, when
    /// it lost a race with another process creating the same fresh file.
    ///
    /// Two such races are expected, and neither leaves anything half done:
    /// switching a new file to WAL mode needs an exclusive lock, and SQLite
    /// answers "database is locked" at once rather than wait out the busy
    /// timeout when waiting could deadlock; and GRDB's migrator reads which
    /// migrations are applied before it takes the write lock, so the loser of
    /// two migrations replays one the winner committed and fails with "table
    /// ... already exists" or, for a migration that adds columns, "duplicate
    /// column name". The retry finds the winner's schema in place.
    static func retryingCreationRaces<Opened>(_ open: () throws -> Opened) throws -> Opened {
        let deadline = Date().addingTimeInterval(busyTimeout)
        var backoff = 0.01
        while true {
            do {
                return try open()
            } catch let error as DatabaseError where isCreationRace(error) && Date() < deadline {
                Thread.sleep(forTimeInterval: backoff * Double.random(in: 0.5...1.5))
                backoff = min(backoff * 2, 0.5)
            }
        }
    }

    /// Where a read-only connection opens `path`: the path itself, or, when
    /// SQLite could not create the WAL index beside it, an `immutable=1` URI.
    ///
    /// A read-only connection to a WAL-mode file needs its `-shm` index, and
    /// creates it (with an empty `-wal`) when missing; in a directory it
    /// cannot write, such as a read-only mount, it fails with "unable to open
    /// database file". Without `-wal` and `-shm` every commit is in the
    /// file itself and no writer has it open (an open WAL writer keeps both),
    /// so reading it as immutable reads everything committed.
    static func readOnlyLocation(of path: String) -> String {
        let directory = (path as NSString).deletingLastPathComponent
        let files = FileManager.default
        guard access(directory.isEmpty ? "." : directory, W_OK) != 0,
              !files.fileExists(atPath: path + "-wal"), !files.fileExists(atPath: path + "-shm")
        else { return path }
        // RFC 3986 reserves these in a URI's path; SQLite decodes them.
        let escaped = path
            .replacingOccurrences(of: "%", with: "%25")
            .replacingOccurrences(of: "?", with: "%3f")
            .replacingOccurrences(of: "#", with: "%23")
        return "file:\(escaped)?immutable=1"
    }

    private static func isCreationRace(_ error: DatabaseError) -> Bool {
        switch error.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            return true
        case .SQLITE_ERROR:
            let message = error.message ?? ""
            return message.hasSuffix("already exists") || message.hasPrefix("duplicate column name")
        default:
            return false
        }
    }

    /// Catches the failures SQLite would report vaguely ("unable to open
    /// database file") before opening.
    static func checkFile(at path: String, readOnly: Bool) throws {
        let files = FileManager.default
        var isDirectory: ObjCBool = false
        if files.fileExists(atPath: path, isDirectory: &isDirectory) {
            if isDirectory.boolValue {
                throw ResultsError(path: path, message: "is a directory, not an SQLite database file", kind: .input)
            }
            if !files.isReadableFile(atPath: path) {
                throw ResultsError(path: path, message: "is not readable (check its permissions)")
            }
            // access(2) rather than isWritableFile, for its errno: root may
            // write any file but none on a read-only mount.
            if !readOnly && access(path, W_OK) != 0 {
                let onReadOnlyMount = errno == EROFS
                let what = onReadOnlyMount ? "is on a read-only file system" : "is read-only"
                let advice = onReadOnlyMount ? "copy it somewhere writable" : "check its permissions"
                throw ResultsError(path: path, message: "\(what) (open it read-only, or \(advice))")
            }
        } else if readOnly {
            throw ResultsError(path: path, message: "does not exist", kind: .input)
        } else {
            let parent = (path as NSString).deletingLastPathComponent
            guard !parent.isEmpty else { return }
            do {
                try files.createDirectory(atPath: parent, withIntermediateDirectories: true)
            } catch {
                throw ResultsError(path: path, message: "cannot create its directory \(parent): \(error.localizedDescription)")
            }
        }
    }

    private static func hasContent(_ path: String) -> Bool {
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue
        return (size ?? 0) > 0
    }

    /// Refuses a newer schema and an SQLite file of another program;
    /// returns whether the schema is already current.
    private static func checkSchema(of database: any DatabaseReader, path: String) throws -> Bool {
        let (applied, hasOtherTables) = try database.read(readSchemaVersion)
        let unknown = applied.subtracting(Schema.knownMigrations)
        if !unknown.isEmpty {
            throw ResultsError(
                path: path,
                message: "schema is newer than this runner knows (unknown migrations: \(unknown.sorted().joined(separator: ", "))); use a newer runner",
                kind: .input)
        }
        if applied.isEmpty && hasOtherTables {
            throw ResultsError(path: path, message: "is an SQLite database but not a results database (it has tables but no schema version)", kind: .input)
        }
        guard applied.isSuperset(of: Schema.knownMigrations) else { return false }
        if let problem = try database.read(Schema.problem) {
            throw ResultsError(path: path, message: "is not a results database this runner can read: \(problem)", kind: .input)
        }
        return true
    }

    /// The applied migrations and whether other tables exist, read from one
    /// snapshot. Not GRDB's `appliedIdentifiers`: it tries its SELECT first
    /// and, when that fails, asks whether the table exists; a statement that
    /// fails to prepare holds no snapshot, so a table created by another
    /// process in between turns into a "no such table" error.
    private static func readSchemaVersion(_ db: Database) throws -> (applied: Set<String>, hasOtherTables: Bool) {
        // The first statement of the read transaction pins its snapshot.
        let tables = try String.fetchAll(db, sql: """
            SELECT name FROM sqlite_master
            WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'
            """)
        // grdb_migrations alone does not count as other tables: the migrator
        // creates it before the migration transaction, so a process opening
        // the file at that moment sees it alone.
        let hasOtherTables = tables.contains { $0 != "grdb_migrations" }
        guard tables.contains("grdb_migrations") else { return ([], hasOtherTables) }
        return (try String.fetchSet(db, sql: "SELECT identifier FROM grdb_migrations"), hasOtherTables)
    }
}
