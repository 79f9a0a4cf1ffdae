import Foundation
import GRDB

/// A ``ResultsStore`` in one SQLite file, safe to share between processes:
/// WAL mode (readers never block the writer), foreign keys on, a 10-second
/// busy timeout, and run claims taken under `BEGIN IMMEDIATE`.
///
/// ```swift
/// let store = try SQLiteResultsStore(path: "results/results.sqlite")
/// let readOnly = try SQLiteResultsStore(path: "results/results.sqlite", readOnly: true)
/// ```
///
/// The schema is documented on `Schema` (Schema.swift) and created or
/// upgraded on open; a file written by a newer runner is refused rather than
/// guessed at.
public final class SQLiteResultsStore: ResultsStore {
    /// The database file.
    public let path: String
    let isReadOnly: Bool
    let database: any DatabaseWriter

    /// How long a statement waits for another process's write lock before
    /// failing with "database is locked"; GRDB's default is to fail at once.
    static let busyTimeout: TimeInterval = 10

    /// Opens the database at `path`, creating its parent directory and the
    /// file when missing (unless `readOnly`), and migrates it to the current
    /// schema.
    ///
    /// - Throws: ``ResultsError`` naming the path when it is a directory, not
    ///   an SQLite file, not a results database, read-only (unless
    ///   `readOnly`), missing (when `readOnly`), or has a newer schema.
    public init(path: String, readOnly: Bool = false) throws {
        self.path = path
        self.isReadOnly = readOnly
        try Self.checkFile(at: path, readOnly: readOnly)
        do {
            var configuration = Self.configuration(readOnly: readOnly)
            configuration.foreignKeysEnabled = true
            if readOnly {
                database = try DatabaseQueue(path: path, configuration: configuration)
            } else {
                // Opening a pool switches the file to WAL mode and writes to
                // it, so a file that is not a results database this runner
                // knows is refused through a read-only connection first and
                // left byte for byte as it was.
                if Self.hasContent(path) {
                    _ = try Self.checkSchema(
                        of: DatabaseQueue(path: path, configuration: Self.configuration(readOnly: true)), path: path)
                }
                database = try DatabasePool(path: path, configuration: configuration)
            }
            try Self.prepareSchema(of: database, readOnly: readOnly, path: path)
        } catch let error as DatabaseError where error.resultCode == .SQLITE_NOTADB {
            throw ResultsError(path: path, message: "is not an SQLite database file (SQLite: \(error.message ?? "file is not a database"))", kind: .input)
        } catch {
            throw ResultsError(path: path, underlying: error)
        }
    }

    static func configuration(readOnly: Bool) -> Configuration {
        var configuration = Configuration()
        configuration.readonly = readOnly
        configuration.busyMode = .timeout(busyTimeout)
        configuration.label = "Results"
        if !readOnly {
            // In WAL mode NORMAL still survives a crash or kill of the process
            // (a commit is in the WAL before it returns); only a power loss can
            // drop the last commits. FULL would fsync every epoch's commit.
            configuration.prepareDatabase { db in
                try db.execute(sql: "PRAGMA synchronous = NORMAL")
            }
        }
        return configuration
    }

    /// Catches the failures SQLite would report vaguely ("unable to open
    /// database file") before opening.
    private static func checkFile(at path: String, readOnly: Bool) throws {
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

    private static func prepareSchema(of database: any DatabaseWriter, readOnly: Bool, path: String) throws {
        if try checkSchema(of: database, path: path) { return }
        if readOnly {
            throw ResultsError(path: path, message: "schema is older than this runner's; open it once read-write to upgrade it")
        }
        try migrate(database)
    }

    /// Refuses a newer schema and an SQLite file of another program;
    /// returns whether the schema is already current.
    private static func checkSchema(of database: any DatabaseReader, path: String) throws -> Bool {
        let migrator = Schema.migrator
        let (applied, hasOtherTables) = try database.read { db in
            let applied = try migrator.appliedIdentifiers(db)
            // grdb_migrations itself does not count: the migrator creates it
            // before the migration transaction, so a process opening the
            // file at that moment sees it alone.
            let tables = try Int.fetchOne(db, sql: """
                SELECT count(*) FROM sqlite_master
                WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND name <> 'grdb_migrations'
                """) ?? 0
            return (applied, tables > 0)
        }
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
        return applied.isSuperset(of: Schema.knownMigrations)
    }

    /// GRDB's migrator reads the applied migrations before taking the write
    /// lock, so two processes creating a fresh file at the same moment can
    /// both try to create the tables; the loser fails ("table already
    /// exists"). Retrying re-reads the migrations the winner committed.
    private static func migrate(_ database: any DatabaseWriter) throws {
        let attempts = 5
        for attempt in 1...attempts {
            do {
                try Schema.migrator.migrate(database)
                return
            } catch is DatabaseError where attempt < attempts {
                let completed = try database.read { try Schema.migrator.hasCompletedMigrations($0) }
                if completed { return }
                Thread.sleep(forTimeInterval: 0.05 * Double(attempt))
            }
        }
    }

    // MARK: - Transactions

    /// Runs `body` in a `BEGIN IMMEDIATE` transaction: the write lock is taken
    /// up front, so a read-then-write (a claim) cannot interleave with another
    /// process's, and busy waits happen at BEGIN rather than mid-transaction.
    func writeTransaction<T>(_ operation: String, _ body: (Database) throws -> T) throws -> T {
        guard !isReadOnly else {
            throw ResultsError(path: path, message: "opened read-only; cannot \(operation)")
        }
        do {
            return try database.writeWithoutTransaction { db in
                var result: Result<T, any Error>?
                try db.inTransaction(.immediate) {
                    result = Result { try body(db) }
                    if case .failure = result { return .rollback }
                    return .commit
                }
                guard let result else {
                    throw ResultsError(path: path, message: "\(operation): transaction did not run")
                }
                return try result.get()
            }
        } catch {
            throw ResultsError(path: path, underlying: error)
        }
    }

    func read<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try database.read(body)
        } catch {
            throw ResultsError(path: path, underlying: error)
        }
    }

    /// SQLite's clock, so every timestamp has one format:
    /// ISO 8601 UTC with milliseconds.
    static let nowSQL = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')"

    static func status(from text: String?, configHash: String, path: String) throws -> RunStatus {
        guard let text, let status = RunStatus(rawValue: text) else {
            throw ResultsError(path: path, message: "run \(configHash) has unknown status \(text ?? "NULL")")
        }
        return status
    }
}
