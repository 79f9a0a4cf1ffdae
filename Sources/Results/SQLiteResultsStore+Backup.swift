import Foundation
import GRDB

// A consistent copy of a database that sweeps may be writing.
extension SQLiteResultsStore {
    /// Copies the database at `path` into `destination`, a new single file
    /// in rollback-journal mode (no `-wal` or `-shm` beside it), with
    /// SQLite's `VACUUM INTO` on a read-only connection: the copy is the
    /// snapshot its read transaction started from, so it holds every commit
    /// made before it began, and sweeps go on committing meanwhile (WAL
    /// readers never block the writer). The copy is written beside
    /// `destination` and renamed into place, so `destination` is either
    /// whole or absent.
    ///
    /// ```swift
    /// let copied = try SQLiteResultsStore.backup("results/results.sqlite", to: "backup.sqlite")
    /// print(copied.runs, "runs,", copied.epochs, "epochs")
    /// ```
    ///
    /// - Throws: ``ResultsError`` (input) when `destination` exists or is
    ///   `path`; the damaged-file error when SQLite cannot read a page.
    public static func backup(_ path: String, to destination: String) throws -> DatabaseContents {
        let files = FileManager.default
        if files.fileExists(atPath: destination) {
            throw ResultsError(path: destination, message: "already exists; back up into a new file", kind: .input)
        }
        // Opening it as a store first refuses what is not a results database.
        try SQLiteResultsStore(path: path, readOnly: true).close()
        let directory = (destination as NSString).deletingLastPathComponent
        let name = (destination as NSString).lastPathComponent
        let partial = (directory.isEmpty ? "" : directory + "/") + ".\(name).partial-\(UUID().uuidString)"
        defer { try? files.removeItem(atPath: partial) }
        do {
            let file = try DatabaseQueue(path: readOnlyLocation(of: path), configuration: configuration(readOnly: true))
            defer { try? file.close() }
            // Not `read`: VACUUM cannot run in the transaction GRDB opens for it.
            try file.inDatabase { db in try db.execute(sql: "VACUUM INTO ?", arguments: [partial]) }
        } catch {
            throw ResultsError(path: path, underlying: error)
        }
        do {
            try files.moveItem(atPath: partial, toPath: destination)
        } catch {
            throw ResultsError(path: destination, message: "cannot put the copy in place: \(error.localizedDescription)")
        }
        return try contents(of: destination)
    }
}
