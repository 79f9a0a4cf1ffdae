import Foundation

/// The two batch scripts of a submission: the array that trains one shard
/// per task, and the job that merges the shards once the array has ended.
public struct SlurmBatchScripts: Sendable, Equatable {
    public let layout: SlurmLayout
    /// The experiment file as given on the command line; the jobs resolve it
    /// from the working directory, as the command did.
    public let experimentFile: String
    /// The `--set KEY=VALUE` overrides as given on the command line, which
    /// every task passes on, so that all shards sweep the same experiment.
    public let overrides: [String]
    /// The absolute path of the runner the jobs run: this very executable.
    public let runner: String
    /// N: task I trains shard I of N.
    public let tasks: Int
    /// The `--array` specification: `0-2`, or the indices given with `--only`.
    public let arrayIndices: String
    public let cpusPerTask: Int
    public let partition: String?
    public let time: String?
    public let account: String?

    public init(
        layout: SlurmLayout, experimentFile: String, overrides: [String] = [], runner: String, tasks: Int,
        arrayIndices: String, cpusPerTask: Int, partition: String?, time: String?, account: String?
    ) {
        self.layout = layout
        self.experimentFile = experimentFile
        self.overrides = overrides
        self.runner = runner
        self.tasks = tasks
        self.arrayIndices = arrayIndices
        self.cpusPerTask = cpusPerTask
        self.partition = partition
        self.time = time
        self.account = account
    }

    public var array: String {
        let log = layout.absolute(layout.logDirectory) + "/task-%a.out"
        return script(
            comment: "Trains shard I of \(tasks) of experiment \(layout.experiment) in array task I.",
            options: [
                "--job-name=\(layout.experiment)", "--array=\(arrayIndices)", "--ntasks=1",
                "--cpus-per-task=\(cpusPerTask)", "--output=\(log)",
                // A resubmitted task adds to its log rather than erasing the first attempt's.
                "--open-mode=append",
            ],
            body: [
                "exec \(shellQuoted(runner)) sweep \(shellQuoted(experimentFile)) "
                    + overrides.map { "--set \(shellQuoted($0)) " }.joined()
                    + "--shard \"$SLURM_ARRAY_TASK_ID/\(tasks)\" --jobs \(cpusPerTask)",
            ])
    }

    /// The merge job, run after every task of array job `arrayJobID` has
    /// ended however it ended (`afterany`), so the shards that finished are
    /// merged even when one failed; it exports what the merged database
    /// holds (`--allow-partial`), and the merge after a resubmission
    /// replaces a partial export.
    public func merge(arrayJobID: String) -> String {
        let experiment = layout.experiment
        let log = layout.absolute(layout.logDirectory) + "/merge-%j.out"
        return script(
            comment: "Merges the shards of experiment \(experiment) into \(layout.mergedDatabase) and exports its CSVs.",
            options: [
                "--job-name=\(experiment)-merge", "--dependency=afterany:\(arrayJobID)", "--ntasks=1",
                "--cpus-per-task=1", "--output=\(log)",
            ],
            body: [
                "shards=()",
                // Only the shards that exist: a task that failed before its first run left none.
                "for shard in \(layout.shardDirectory)/\(experiment)-{0..\(tasks - 1)}-of-\(tasks).sqlite; do",
                "    if [ -e \"$shard\" ]; then shards+=(\"$shard\"); fi",
                "done",
                "if [ ${#shards[@]} -eq 0 ]; then",
                "    echo \"no shard database of \(experiment) in \(layout.shardDirectory); see \(layout.logDirectory)\" >&2",
                "    exit 1",
                "fi",
                "\(shellQuoted(runner)) merge \"${shards[@]}\" --into \(layout.mergedDatabase)",
                "exec \(shellQuoted(runner)) export --db \(layout.mergedDatabase) --experiment \(experiment) "
                    + "--out \(layout.exportDirectory) --allow-partial",
            ])
    }

    private func script(comment: String, options: [String], body: [String]) -> String {
        var shared: [String] = []
        if let partition { shared.append("--partition=\(partition)") }
        if let time { shared.append("--time=\(time)") }
        if let account { shared.append("--account=\(account)") }
        let lines = ["#!/bin/bash", "# Written by runner slurm submit. \(comment)"]
            + (options + shared).map { "#SBATCH \(sbatchQuoted($0))" }
            + ["set -eu", "cd \(shellQuoted(layout.workingDirectory))"]
            + body
        return lines.joined(separator: "\n") + "\n"
    }
}

/// `text` as one bash word: bare when it holds only characters bash leaves
/// alone, single-quoted otherwise.
public func shellQuoted(_ text: String) -> String {
    let plain = !text.isEmpty && text.unicodeScalars.allSatisfy { scalar in
        scalar.isASCII && (scalar.properties.isAlphabetic || scalar.properties.numericType != nil || "/._-+=:,@%".unicodeScalars.contains(scalar))
    }
    return plain ? text : "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
}

/// An `#SBATCH` option, double-quoted when its value holds blanks: sbatch
/// splits those lines at blanks outside double quotes.
private func sbatchQuoted(_ option: String) -> String {
    guard option.contains(where: \.isWhitespace), let equals = option.firstIndex(of: "=") else { return option }
    return option[...equals] + "\"" + option[option.index(after: equals)...] + "\""
}
