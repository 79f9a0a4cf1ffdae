import ArgumentParser
import Foundation
import Results

struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Fold shard databases into one.",
        discussion: """
            Copies each shard's done runs (every run with --all) that the target lacks or \
            has unfinished, with their epochs and experiment membership, one transaction \
            per shard. Runs already present with the same numbers are left alone, so \
            merging again changes nothing. A run present in both with different numbers \
            for the same config_hash is reported as a conflict, never overwritten, and \
            makes the command exit 1. A damaged shard or target is refused before \
            anything is written (exit 1).
            """
    )

    @Argument(help: "Shard databases, e.g. results/shards/eta-0-of-4.sqlite.")
    var shards: [String]

    @Option(help: "The database to merge into (created if missing).")
    var into = ResultsLayout().database

    @Flag(help: "Merge unfinished runs (pending, failed, diverged) too.")
    var all = false

    @Flag(help: "Show a failed SQL statement in full in an error message, not only its first words.")
    var verbose = false

    func validate() throws {
        guard !shards.isEmpty else { throw ValidationError("name at least one shard database") }
        let target = URL(fileURLWithPath: into).standardizedFileURL.path
        if let same = shards.first(where: { URL(fileURLWithPath: $0).standardizedFileURL.path == target }) {
            throw ValidationError("\(same) is the database to merge into; name it with --into only")
        }
    }

    func run() throws {
        for shard in shards where !FileManager.default.fileExists(atPath: shard) {
            throw RunnerFailure.input("\(shard): no such shard database")
        }
        // Before the target is opened to write, which changes its bytes even
        // when nothing is merged into it.
        for shard in shards { try SQLiteResultsStore.refuseDamaged(at: shard) }
        let store = try SQLiteResultsStore(path: into)
        var conflicts: [MergeConflict] = []
        for shard in shards {
            let report = try store.merge(shard: shard, includeUnfinished: all)
            print("\(shard): \(report.merged.count) merged, \(report.alreadyPresent.count) already present, "
                + "\(report.unfinished.count) unfinished left out, \(report.conflicts.count) conflicts")
            for conflict in report.conflicts { print("  conflict: \(conflict)") }
            conflicts += report.conflicts
        }
        if !conflicts.isEmpty {
            throw RunnerFailure.runtime(
                "\(conflicts.count) run(s) differ between \(into) and the shards; they were left as they are in \(into)")
        }
    }
}
