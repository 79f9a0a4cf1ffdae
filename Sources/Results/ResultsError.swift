import Foundation
import GRDB

/// A failure of the results store, as data: which database file and what
/// went wrong, rendered on one line by ``description``.
///
/// ```text
/// results/results.sqlite: is a directory, not an SQLite database file
/// results/results.sqlite: SQL error 1: no such table: foo, while executing `SELECT * FROM foo`
/// ```
public struct ResultsError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The database file (or export file) the failure concerns.
    public var path: String
    /// What went wrong, without the path.
    public var message: String
    public var kind: Kind

    /// Whose problem it is, for the caller's exit code.
    public enum Kind: Sendable, Equatable {
        /// The path or the SQL given is wrong: not a results database, a
        /// directory, a schema from a newer runner, a statement that writes.
        case input
        /// The database could not be read or written as asked: locked, read-only, disk full.
        case runtime
    }

    public init(path: String, message: String, kind: Kind = .runtime) {
        self.path = path
        self.message = message
        self.kind = kind
    }

    public var description: String { "\(path): \(message)" }
}

extension ResultsError {
    /// Renders any error thrown while using the database at `path`, keeping
    /// SQLite's own message and the statement, so callers never see GRDB types.
    init(path: String, underlying error: any Error) {
        switch error {
        case let error as ResultsError:
            self = error
        case let error as DatabaseError:
            var message = "SQL error \(error.extendedResultCode.rawValue): \(error.message ?? "unknown error")"
            if let sql = error.sql {
                message += ", while executing `\(Self.oneLine(sql))`"
            }
            self.init(path: path, message: message)
        default:
            self.init(path: path, message: Self.oneLine(String(describing: error)))
        }
    }

    private static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .joined(separator: " ")
    }
}
