import Foundation
import GRDB

/// A failure of the results store, as data: which database file and what
/// went wrong, rendered on one line by ``description``, which names only the
/// first words of a failed statement; ``verboseDescription`` has it whole.
///
/// ```text
/// results/results.sqlite: is a directory, not an SQLite database file
/// results/results.sqlite: SQL error 1: no such table: foo, while executing `SELECT * FROM foo`
/// results/results.sqlite: SQL error 19: NOT NULL constraint failed: runs.status, while executing `INSERT INTO runs …`
/// ```
public struct ResultsError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The database file (or export file) the failure concerns.
    public var path: String
    /// What went wrong, without the path or the statement.
    public var message: String
    public var kind: Kind
    /// The statement that failed, whole, on one line; nil when the failure
    /// was not a statement's.
    public var statement: String?
    /// What to do about it, when there is a way out to name.
    public var advice: String?

    /// Whose problem it is, for the caller's exit code.
    public enum Kind: Sendable, Equatable {
        /// The path or the SQL given is wrong: not a results database, a
        /// directory, a schema from a newer runner, a statement that writes.
        case input
        /// The database could not be read or written as asked: locked,
        /// read-only, disk full, damaged.
        case runtime
    }

    public init(path: String, message: String, kind: Kind = .runtime, statement: String? = nil, advice: String? = nil) {
        self.path = path
        self.message = message
        self.kind = kind
        self.statement = statement
        self.advice = advice
    }

    public var description: String { rendered(statement.map(Self.firstWords)) }

    /// ``description`` with the failed statement in full, for `--verbose`.
    public var verboseDescription: String { rendered(statement) }

    private func rendered(_ shownStatement: String?) -> String {
        var text = "\(path): \(message)"
        if let shownStatement { text += ", while executing `\(shownStatement)`" }
        if let advice { text += "; \(advice)" }
        return text
    }

    /// Words of a statement shown by default: enough for its verb and table
    /// (`INSERT INTO experiments`, `SELECT name FROM sqlite_master`).
    static let shownStatementWords = 4

    /// The statement's first words, up to the first parenthesis, then `…`
    /// when anything was left out: an `INSERT` with its column list and
    /// values runs to hundreds of characters that bury the message.
    static func firstWords(_ statement: String) -> String {
        let words = statement.split(separator: " ")
        var shown: [Substring] = []
        var cut = words.count > shownStatementWords
        for word in words.prefix(shownStatementWords) {
            if let parenthesis = word.firstIndex(of: "(") {
                if parenthesis > word.startIndex { shown.append(word[..<parenthesis]) }
                cut = true
                break
            }
            shown.append(word)
        }
        return (cut ? shown + ["…"] : shown).joined(separator: " ")
    }
}

extension ResultsError {
    /// Renders any error thrown while using the database at `path`, keeping
    /// SQLite's own message and the statement, so callers never see GRDB
    /// types. SQLite's word for a damaged file ("database disk image is
    /// malformed") becomes ``damaged(path:finding:statement:)``, with the way out.
    init(path: String, underlying error: any Error) {
        switch error {
        case let error as ResultsError:
            self = error
        case let error as DatabaseError where error.resultCode == .SQLITE_CORRUPT:
            self = .damaged(path: path, finding: error.message ?? "database disk image is malformed", statement: error.sql.map(Self.oneLine))
        case let error as DatabaseError:
            self.init(
                path: path, message: "SQL error \(error.extendedResultCode.rawValue): \(error.message ?? "unknown error")",
                statement: error.sql.map(Self.oneLine))
        case let error as RowDecodingError:
            // A NULL or a mistyped value where the schema allows none: the
            // file is not one this runner wrote, whatever its columns say.
            self.init(path: path, message: "is not a results database this runner can read: " + Self.decodingFinding(error), kind: .input)
        default:
            self.init(path: path, message: Self.oneLine(String(describing: error)))
        }
    }

    /// `column name holds NULL where a String belongs`, from GRDB's
    /// description, without the row it prints after it (every column of it).
    static func decodingFinding(_ error: RowDecodingError) -> String {
        let text = oneLine(String(describing: error))
        if let match = text.firstMatch(of: #/could not decode (\S+) from database value (\S+) - column: "([^"]+)"/#) {
            return "column \(match.3) holds \(match.2) where a \(match.1) belongs"
        }
        return text.components(separatedBy: " - row:").first ?? text
    }

    static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
            .joined(separator: " ")
    }
}
