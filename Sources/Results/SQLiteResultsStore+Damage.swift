import Foundation
import GRDB

// Damaged files: refused before the first write, so that what can still be
// read stays there for `recover`.
extension SQLiteResultsStore {
    /// Throws ``ResultsError/damaged(path:finding:statement:)`` with the
    /// first thing SQLite's `quick_check` finds wrong in `file`, opened
    /// read-only; returns when it finds nothing.
    ///
    /// `quick_check` reads every page of every table and index (it skips
    /// `integrity_check`'s comparison of each index with its table), so a
    /// damaged page anywhere is found, wherever the command would write: on a
    /// 113 MB results database (1,080,000 epochs) it takes about 0.2 s, where
    /// `integrity_check` takes over a second.
    ///
    /// ```swift
    /// let file = try DatabaseQueue(path: path, configuration: configuration(readOnly: true))
    /// try SQLiteResultsStore.refuseDamaged(file, path: path)
    /// ```
    static func refuseDamaged(_ file: DatabaseQueue, path: String) throws {
        // Two findings: the first to show, the second to say there are more.
        let findings = try file.inDatabase { db in try checkFindings(db, "PRAGMA quick_check(2)") }
        guard let first = findings.first else { return }
        let more = findings.count > 1 ? " (and more)" : ""
        throw ResultsError.damaged(path: path, finding: first + more)
    }

    /// Throws ``ResultsError/damaged(path:finding:statement:)`` when SQLite's
    /// `quick_check` finds the file at `path` damaged; reads it through a
    /// read-only connection of its own, so it changes nothing. For a file
    /// that will only be read, such as a shard to merge, checked before the
    /// database it goes into is opened to write.
    ///
    /// ```swift
    /// try SQLiteResultsStore.refuseDamaged(at: "results/shards/eta-0-of-4.sqlite")
    /// ```
    public static func refuseDamaged(at path: String) throws {
        do {
            let file = try DatabaseQueue(path: readOnlyLocation(of: path), configuration: configuration(readOnly: true))
            defer { try? file.close() }
            try refuseDamaged(file, path: path)
        } catch {
            throw ResultsError(path: path, underlying: error)
        }
    }

    /// The lines of `check` (`quick_check` or `integrity_check`) that say
    /// what is wrong, one line each; none for a sound file.
    ///
    /// Read one by one, outside a transaction (call it in `inDatabase`): on
    /// some damage SQLite returns its findings and then fails the statement
    /// with "database disk image is malformed", which is then a finding too
    /// when it is the only one, and fails a transaction's COMMIT the same
    /// way. SQLite heads the
    /// findings of each database with `*** in database main ***`, which says
    /// nothing of the damage.
    static func checkFindings(_ db: Database, _ check: String) throws -> [String] {
        var lines: [String] = []
        do {
            let rows = try String.fetchCursor(db, sql: check)
            while let line = try rows.next() { lines.append(line) }
        } catch let error as DatabaseError where error.resultCode == .SQLITE_CORRUPT {
            lines.append(error.message ?? "database disk image is malformed")
        }
        guard lines != ["ok"] else { return [] }
        // A row may hold several lines: the heading and the first finding.
        let findings = lines.flatMap { $0.split(whereSeparator: \.isNewline) }
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.hasPrefix("*** in database ") && !$0.isEmpty }
        return findings.count > 1 ? findings.filter { $0 != "database disk image is malformed" } : findings
    }
}
