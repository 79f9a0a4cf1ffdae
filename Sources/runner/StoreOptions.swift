import ArgumentParser
import Foundation
import Results

/// The database every command that reads or writes results takes.
struct StoreOptions: ParsableArguments {
    static let defaultDatabase = "results/results.sqlite"

    @Option(help: "The results database (SQLite).")
    var db = defaultDatabase

    func open(readOnly: Bool = false) throws -> SQLiteResultsStore {
        if readOnly, !FileManager.default.fileExists(atPath: db) {
            throw RunnerFailure.input("\(db): no such database (run a sweep first, or pass --db)")
        }
        return try SQLiteResultsStore(path: db, readOnly: readOnly)
    }
}
