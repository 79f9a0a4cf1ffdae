import ArgumentParser
import Foundation
import Results
import Sweep

struct GCCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gc",
        abstract: "Delete the runs linked to no experiment, with their epochs, after saying which.",
        discussion: """
            A run is linked to no experiment when every experiment that listed it was \
            registered again without it (its grid shrank, say). gc lists those runs, as \
            runner list --orphans does, and asks before deleting them; --yes skips the \
            question, and without a terminal to ask on it refuses (exit 2) unless given \
            --yes. It keeps every run an experiment links to, and runs marked running (a \
            sweep may still be training them). A damaged database is refused before \
            anything is written (exit 1).
            """
    )

    @OptionGroup var store: StoreOptions

    @Flag(help: "Delete without asking.")
    var yes = false

    func run() throws {
        // Opened to write, which would create a missing file: a missing one is refused as reading refuses it.
        _ = try store.openReader()
        let database = try StoreOptions.open(store.path)
        defer { try? database.close() }
        let stale = Set(try database.runningRuns().filter(SweepSession.isAbandoned).map(\.id))
        let orphans = try database.orphanedRuns()
        let deletable = orphans.filter { $0.status != .running }
        guard !orphans.isEmpty else { return print("every run is linked to an experiment; nothing to delete") }

        print(try RunListing.orphans(orphans, stale: stale, reader: database))
        let running = orphans.count - deletable.count
        if running > 0 {
            print("keeping \(Self.runs(running)) marked running: a sweep may still be training "
                + (running == 1 ? "it" : "them"))
        }
        guard !deletable.isEmpty else { return print("nothing to delete") }
        let epochs = try deletable.reduce(0) { $0 + (try database.epochs(runID: $1.id).count) }
        let what = "\(Self.runs(deletable.count)) linked to no experiment and \(deletable.count == 1 ? "its" : "their") "
            + "\(epochs) epoch\(epochs == 1 ? "" : "s") from \(store.path)"
        if !yes {
            guard isatty(STDIN_FILENO) == 1 else {
                throw RunnerFailure.input("gc would delete \(what); confirm on a terminal, or pass --yes")
            }
            print("delete \(what)? [y/N] ", terminator: "")
            fflush(nil)
            let answer = readLine()?.trimmingCharacters(in: .whitespaces).lowercased()
            guard answer == "y" || answer == "yes" else { return print("nothing deleted") }
        }
        let deleted = try database.deleteOrphanedRuns(deletable.map(\.id))
        print("deleted \(Self.runs(deleted.runs)) and \(deleted.epochs) epoch\(deleted.epochs == 1 ? "" : "s")")
    }

    private static func runs(_ count: Int) -> String {
        "\(count) run\(count == 1 ? "" : "s")"
    }
}
