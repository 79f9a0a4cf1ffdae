import ArgumentParser
import Foundation
import Results

struct RecoverCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "recover",
        abstract: "Copy what can still be read of a damaged results database into a new one.",
        discussion: """
            Reads a copy of DB (never DB itself, which is left byte for byte as it is) \
            with the sqlite3 shell's .recover when sqlite3 is on PATH and its .recover \
            works (Debian 12's lacks the sqlite_dbpage table it needs), which finds rows \
            even on pages no intact table leads to; otherwise reads each table in rowid \
            order and skips the rows of pages that cannot be read. Writes NEW (which must \
            not exist), brings its schema up to date, and reports what came back: \
            experiments, runs and epochs, against the epochs the recovered runs should \
            have (a done run all of its epochs, a pruned one those up to its prune \
            decision, an unfinished one those up to its checkpoint); each run that lost \
            epochs; runs lost whose epochs or links remain; and rows sqlite3 could not \
            place in a table, which it puts in lost_and_found. Check NEW with runner \
            check before sweeping into it. Exits 0 once NEW is written, whatever was \
            lost; 2 when NEW exists or DB does not.
            """
    )

    @Argument(help: "The damaged database.")
    var damaged: String

    @Option(name: .customLong("to"), help: ArgumentHelp("The new database to recover into.", valueName: "NEW"))
    var destination: String

    @Flag(help: "Show a failed SQL statement in full in an error message, not only its first words.")
    var verbose = false

    func validate() throws {
        if URL(fileURLWithPath: damaged).standardizedFileURL == URL(fileURLWithPath: destination).standardizedFileURL {
            throw ValidationError("--to must name a new file, not the damaged database")
        }
    }

    func run() throws {
        let report = try SQLiteResultsStore.recover(damaged, to: destination, shell: Self.sqliteShell())
        for line in RecoveryText.lines(report, from: damaged, into: destination) { print(line) }
    }

    /// The `sqlite3` shell on `PATH`, if any.
    static func sqliteShell() -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        return path.split(separator: ":").lazy
            .map { ($0.isEmpty ? "." : String($0)) + "/sqlite3" }
            .first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}
