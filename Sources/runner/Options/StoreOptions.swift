import ArgumentParser
import Foundation
import Results

/// The database every command that reads or writes results takes.
struct StoreOptions: ParsableArguments {
    @Option(help: "The results database (SQLite). (default: \(ResultsLayout().database))")
    var db: String?

    @Flag(help: "Show a failed SQL statement in full in an error message, not only its first words.")
    var verbose = false

    /// The database named, or the default.
    var path: String { db ?? ResultsLayout().database }

    func open(readOnly: Bool = false) throws -> SQLiteResultsStore {
        try Self.open(path, readOnly: readOnly)
    }

    /// The database named, opened read-only, as the commands that only read
    /// results (`query`, `list`, `export`, `show`, `verify`) see it.
    func openReader() throws -> any ResultsReader {
        try open(readOnly: true)
    }

    static func open(_ path: String, readOnly: Bool = false) throws -> SQLiteResultsStore {
        if readOnly, !FileManager.default.fileExists(atPath: path) {
            throw RunnerFailure.input("\(path): no such database (run a sweep first, or pass --db)")
        }
        return try SQLiteResultsStore(path: path, readOnly: readOnly)
    }
}
