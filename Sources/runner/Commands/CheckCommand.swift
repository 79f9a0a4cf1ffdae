import ArgumentParser
import Foundation
import Results

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check a results database: SQLite's integrity check, its foreign keys and the runner's own rules.",
        discussion: """
            Runs SQLite's full integrity check (every page, and every index against its \
            table) and, when that finds the file sound, its foreign key check and the \
            rules runner keeps: each run's epochs are 1…n; a done run has all its epochs \
            (at most that many when patience or eta_halving stopped it early); a pruned \
            run has fewer, and a prune decision at its last one; a finished run's outcome \
            columns are what its epochs give; only unfinished and pruned runs keep a \
            checkpoint, after their last epoch. Only reads, so a sweep may write \
            meanwhile. Prints one line per problem and exits 1 if there is any, else \
            prints what the database holds and exits 0.
            """
    )

    @OptionGroup var store: StoreOptions

    func run() throws {
        if !FileManager.default.fileExists(atPath: store.path) {
            throw RunnerFailure.input("\(store.path): no such database (pass --db)")
        }
        let problems = try SQLiteResultsStore.integrityProblems(at: store.path)
        guard problems.isEmpty else {
            for problem in problems { print(IntegrityProblemText.line(problem)) }
            throw RunnerFailure.runtime(
                "\(store.path): \(problems.count) problem\(problems.count == 1 ? "" : "s") found")
        }
        let database = try StoreOptions.open(store.path, readOnly: true)
        defer { try? database.close() }
        let contents = try database.contents()
        print("\(store.path): ok, \(ContentsText.phrase(contents))")
    }
}
