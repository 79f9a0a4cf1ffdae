import ArgumentParser
import Cluster
import Foundation

struct SlurmSubmitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "submit",
        abstract: "Submit an experiment as a Slurm job array, one shard per task, and a job that merges them.",
        discussion: """
            Array task I runs `runner sweep FILE --shard I/N --jobs C` into \
            results/shards/NAME-I-of-N.sqlite, logging to results/slurm/NAME/logs/task-I.out. \
            A second job, started when the whole array has ended however it ended, merges \
            the shards into results/results.sqlite and writes the CSVs into results/. \
            Prints `array job ID` and `merge job ID`, and keeps the scripts \
            (results/slurm/NAME/array-ID.sbatch, merge-ID.sbatch) and the job ids \
            (results/slurm/NAME/jobs) once both jobs are accepted; nothing is written when \
            either submission fails. \
            When a task fails or is cancelled, submit again with --only I: the task trains \
            only the runs its shard lacks (runs left running by a dead task train again from \
            the start) and a new merge job follows it. \
            sbatch and scancel come from PATH. Exit codes: 0 submitted, 1 Slurm refused \
            (its own message is shown), 2 bad experiment file or flag.
            """
    )

    @Argument(help: "The experiment file (YAML), relative to the working directory the jobs run in.")
    var file: String

    @Option(help: ArgumentHelp(
        "Array tasks N, one shard each (default: one per run; with --only, the N of the last submission).",
        valueName: "N"))
    var tasks: Int?

    @Option(help: ArgumentHelp("CPUs per task; each task trains that many runs at once.", valueName: "C"))
    var cpusPerTask = 1

    @Option(help: "Slurm partition for both jobs (default: the cluster's default partition).")
    var partition: String?

    @Option(help: ArgumentHelp("Time limit of each job, as sbatch takes it (e.g. 02:00:00).", valueName: "HH:MM:SS"))
    var time: String?

    @Option(help: "Slurm account to charge both jobs to.")
    var account: String?

    @Option(help: ArgumentHelp(
        "Submit only these array tasks (e.g. 1,3 or 0-2,5) of the same N, to redo failed or cancelled ones.",
        valueName: "I,J"))
    var only: SlurmArrayIndices?

    @Flag(help: "Print both batch scripts; submit and write nothing.")
    var dryRun = false

    func validate() throws {
        if let tasks, tasks < 1 { throw ValidationError("--tasks must be at least 1, got \(tasks)") }
        guard cpusPerTask >= 1 else { throw ValidationError("--cpus-per-task must be at least 1, got \(cpusPerTask)") }
        for (flag, value) in [("--partition", partition), ("--time", time), ("--account", account)] {
            if let value, value.isEmpty || value.contains(where: \.isNewline) {
                throw ValidationError("\(flag) must be one non-empty line")
            }
        }
    }

    func run() throws {
        let plan = try ExperimentPlan.load(path: file)
        let layout = SlurmLayout(experiment: plan.experiment.name)
        let records = try SlurmJobRecord.read(path: layout.jobsFile)
        let taskCount = try shardCount(runs: plan.runs.count, records: records, layout: layout)
        let indices = only?.specification ?? (taskCount == 1 ? "0" : "0-\(taskCount - 1)")
        if let only, let outside = only.indices.first(where: { $0 >= taskCount }) {
            throw RunnerFailure.input("--only \(outside): the array has tasks 0 to \(taskCount - 1) (--tasks \(taskCount))")
        }
        let scripts = SlurmBatchScripts(
            layout: layout, experimentFile: file, runner: try runnerExecutable(), tasks: taskCount,
            arrayIndices: indices, cpusPerTask: cpusPerTask, partition: partition, time: time, account: account)

        if dryRun {
            print("# array job: \(layout.recordDirectory)/array-ID.sbatch")
            print(scripts.array)
            print("# merge job: \(layout.recordDirectory)/merge-ID.sbatch")
            print(scripts.merge(arrayJobID: "ARRAY_JOB_ID"), terminator: "")
            return
        }
        try submit(scripts, layout: layout, indices: indices)
    }

    /// N: --tasks, else the N of the last submission when resubmitting
    /// tasks (their shard databases are named after it), else one per run.
    private func shardCount(runs: Int, records: [SlurmJobRecord], layout: SlurmLayout) throws -> Int {
        let previous = records.last { $0.kind == .array }?.tasks
        guard only != nil else { return tasks ?? runs }
        guard let count = tasks ?? previous else {
            throw RunnerFailure.input(
                "--only needs --tasks N: no earlier submission is recorded in \(layout.jobsFile)")
        }
        if let previous, count != previous {
            throw RunnerFailure.input(
                "--tasks \(count) with --only: the last submission had \(previous) tasks, whose shards are "
                    + "\(layout.shardDatabase(index: 0, of: previous)) and so on; pass --tasks \(previous)")
        }
        return count
    }

    private func submit(_ scripts: SlurmBatchScripts, layout: SlurmLayout, indices: String) throws {
        let slurm = SlurmTools()
        // The tasks write their logs from the moment the array is accepted, so
        // the log directory comes first; it goes again if nothing was submitted.
        let created = try createDirectories(layout.logDirectory)
        let arrayJob: String
        let mergeJob: String
        do {
            arrayJob = try slurm.submit(script: scripts.array)
        } catch let failure as ClusterError {
            removeEmpty(created)
            throw RunnerFailure.runtime(failure.description)
        }
        let mergeScript = scripts.merge(arrayJobID: arrayJob)
        do {
            mergeJob = try slurm.submit(script: mergeScript)
        } catch let failure as ClusterError {
            let cancelled: String
            do {
                try slurm.cancel(jobID: arrayJob)
                cancelled = "array job \(arrayJob) was accepted and is cancelled"
            } catch {
                cancelled = "array job \(arrayJob) was accepted and could not be cancelled (\(error)); cancel it with: scancel \(arrayJob)"
            }
            removeEmpty(created)
            throw RunnerFailure.runtime("\(failure.description) (merge job); \(cancelled)")
        }

        let submitted = ISO8601DateFormatter().string(from: Date())
        do {
            try Data(scripts.array.utf8).write(to: URL(fileURLWithPath: "\(layout.recordDirectory)/array-\(arrayJob).sbatch"))
            try Data(mergeScript.utf8).write(to: URL(fileURLWithPath: "\(layout.recordDirectory)/merge-\(mergeJob).sbatch"))
            try SlurmJobRecord.append([
                SlurmJobRecord(jobID: arrayJob, kind: .array, indices: indices, tasks: scripts.tasks, submitted: submitted),
                SlurmJobRecord(jobID: mergeJob, kind: .merge, indices: "-", tasks: scripts.tasks, submitted: submitted),
            ], to: layout.jobsFile)
        } catch {
            throw RunnerFailure.runtime(
                "array job \(arrayJob) and merge job \(mergeJob) are submitted, but their record in "
                    + "\(layout.recordDirectory) could not be written: \(error.localizedDescription)")
        }
        print("array job \(arrayJob)")
        print("merge job \(mergeJob)")
        print("follow with: runner slurm status \(file)")
    }

    /// Creates `path` and its missing parents; returns those it created, deepest first.
    private func createDirectories(_ path: String) throws -> [String] {
        var missing: [String] = []
        var directory = path
        while !directory.isEmpty, directory != ".", !FileManager.default.fileExists(atPath: directory) {
            missing.append(directory)
            directory = (directory as NSString).deletingLastPathComponent
        }
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw RunnerFailure.runtime("\(path): cannot create: \(error.localizedDescription)")
        }
        return missing
    }

    /// Removes the directories this submission created, if nothing was put in them.
    private func removeEmpty(_ directories: [String]) {
        for directory in directories where (try? FileManager.default.contentsOfDirectory(atPath: directory))?.isEmpty == true {
            try? FileManager.default.removeItem(atPath: directory)
        }
    }

    /// The absolute path of this executable, which the jobs run.
    private func runnerExecutable() throws -> String {
        if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return path }
        if let path = Bundle.main.executablePath, path.hasPrefix("/") { return path }
        throw RunnerFailure.runtime("cannot tell the path of the runner executable for the batch scripts")
    }
}

/// Array indices as `--only` takes them: `1,3`, `0-2,5`; kept as given for
/// sbatch's `--array`, expanded to check them against the task count.
struct SlurmArrayIndices: ExpressibleByArgument {
    let indices: [Int]
    let specification: String

    init?(argument: String) {
        var indices: [Int] = []
        for part in argument.split(separator: ",", omittingEmptySubsequences: false) {
            let bounds = part.split(separator: "-", omittingEmptySubsequences: false).map { Int($0) }
            guard (1...2).contains(bounds.count), let first = bounds.first ?? nil, let last = bounds.last ?? nil,
                  first >= 0, first <= last else { return nil }
            indices += Array(first...last)
        }
        guard !indices.isEmpty else { return nil }
        self.indices = indices
        specification = argument
    }
}
