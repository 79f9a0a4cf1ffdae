import Results

/// A problem `runner check` found, as one line that names the run by id,
/// config_hash prefix and status, as `list NAME` and `show` name it:
///
/// ```text
/// run 3 (5d41402abc4b, done): 4 epochs, but a done run of 6 epochs should have 6
/// ```
enum IntegrityProblemText {
    static func line(_ problem: IntegrityProblem) -> String {
        switch problem {
        case .sqlite(let finding):
            return "SQLite: \(finding)"
        case .foreignKey(let table, let rowid, let parent):
            return "\(table) row \(rowid.map(String.init) ?? "?"): refers to a row of \(parent) that does not exist"
        case .epochsNotContiguous(let run, let count, let first, let last):
            return "\(name(run)): epochs are not 1…n: \(epochs(count)) numbered \(first) to \(last)"
        case .doneRunIncomplete(let run, let recorded, let requested, let stoppedEarly):
            return stoppedEarly
                ? "\(name(run)): \(epochs(recorded)), but a done run stopped early has 1 to \(requested)"
                : "\(name(run)): \(epochs(recorded)), but a done run of \(requested) epochs should have \(requested)"
        case .prunedRunComplete(let run, let recorded):
            return "\(name(run)): all \(epochs(recorded)) it requested, but a pruned run stopped before its last"
        case .prunedWithoutDecision(let run, let lastEpoch):
            return "\(name(run)): no prune decision at its last epoch (\(lastEpoch.map(String.init) ?? "none"))"
        case .outcomeMismatch(let run, let column, let stored, let fromEpochs):
            return "\(name(run)): \(column) is \(stored ?? "NULL"), but its epochs give \(fromEpochs ?? "NULL")"
        case .checkpointOfFinishedRun(let run, let epoch):
            return "\(name(run)): keeps a checkpoint (after epoch \(epoch)), which a finished run does not"
        case .checkpointNotAtLastEpoch(let run, let epoch, let lastEpoch):
            return "\(name(run)): its checkpoint follows epoch \(epoch), but its last epoch is \(lastEpoch.map(String.init) ?? "none")"
        }
    }

    static func name(_ run: IntegrityProblem.Run) -> String {
        "run \(run.id) (\(run.configHash.prefix(12)), \(run.status))"
    }

    static func epochs(_ count: Int) -> String {
        "\(count) epoch\(count == 1 ? "" : "s")"
    }
}

/// What a database holds, in words: `2 experiments, 4 runs, 12 epochs`.
enum ContentsText {
    static func phrase(_ contents: DatabaseContents) -> String {
        [count(contents.experiments, "experiment"), count(contents.runs, "run"), count(contents.epochs, "epoch")]
            .joined(separator: ", ")
    }

    static func count(_ n: Int, _ noun: String) -> String {
        "\(n) \(noun)\(n == 1 ? "" : "s")"
    }
}
