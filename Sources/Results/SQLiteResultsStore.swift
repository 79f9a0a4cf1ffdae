import Foundation
import GRDB

/// The results in one SQLite file: sweeps write through ``ResultsWriter``,
/// everything else reads through ``ResultsReader``, and ``merge(shard:includeUnfinished:)``
/// folds shard files into one. Safe to share between processes: WAL mode
/// (readers never block the writer), foreign keys on, a 10-second busy
/// timeout, and run claims taken under `BEGIN IMMEDIATE`.
///
/// ```swift
/// let store = try SQLiteResultsStore(path: "results/results.sqlite")
/// let readOnly = try SQLiteResultsStore(path: "results/results.sqlite", readOnly: true)
/// ```
///
/// The schema is documented on `Schema` (Schema.swift) and created or
/// upgraded on open; opened read-only, a file of an older schema is read
/// through an upgraded copy in memory and left as it is. A file written by a
/// newer runner is refused rather than guessed at.
public final class SQLiteResultsStore: ResultsWriter, ResultsReader {
    /// The database file.
    public let path: String
    let isReadOnly: Bool
    let database: any DatabaseWriter
    /// Whether `database` is a migrated copy in memory of a file of an older
    /// schema, opened read-only; `database.path` attaches it while it is open.
    let readsUpgradedCopy: Bool

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
            (database, readsUpgradedCopy) = try Self.retryingCreationRaces { try Self.open(path: path, readOnly: readOnly) }
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
                // BEGIN and COMMIT as cached statements: GRDB's inTransaction
                // prepares both again on every call, which is a measurable
                // part of the transaction that records each epoch.
                try db.cachedStatement(sql: "BEGIN IMMEDIATE").execute()
                do {
                    let value = try body(db)
                    try db.cachedStatement(sql: "COMMIT").execute()
                    return value
                } catch {
                    // A failed COMMIT (a full disk) leaves the transaction open too.
                    if !db.isInsideTransaction { throw error }
                    try? db.execute(sql: "ROLLBACK")
                    throw error
                }
            }
        } catch let conflict as ExperimentSpecConflict {
            // Refused as data, for the caller to show with the differences.
            throw conflict
        } catch {
            throw ResultsError(path: path, underlying: error)
        }
    }

    deinit {
        try? close()
    }

    /// Closes the connections. The last connection to a WAL-mode file to
    /// close writes the WAL back into the file and deletes `-wal` and `-shm`,
    /// so the file alone holds every result and can be copied as it is.
    public func close() throws {
        do {
            // GRDB's pool closes its writer before its read-only readers,
            // and a read-only connection cannot delete the WAL; closing the
            // readers first (releaseMemory waits for them) leaves the writer last.
            (database as? DatabasePool)?.releaseMemory()
            try database.close()
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

    /// - Parameter run: the run the status belongs to, for the error: `run HASH`.
    static func status(from text: String?, of run: String, path: String) throws -> RunStatus {
        guard let text, let status = RunStatus(rawValue: text) else {
            throw ResultsError(path: path, message: "\(run) has unknown status \(text ?? "NULL")")
        }
        return status
    }
}
