import ArgumentParser
import Cluster
import Sweep

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

    @OptionGroup var overrides: OverrideOptions

    // The numeric options parse unconditionally, so that a negative value
    // reaches `validate()` rather than reading as a flag.
    @Option(parsing: .unconditional, help: ArgumentHelp(
        "Array tasks N, one shard each (default: one per run; with --only, the N of the last submission).",
        valueName: "N"))
    var tasks: Int?

    @Option(parsing: .unconditional, help: ArgumentHelp("CPUs per task; each task trains that many runs at once.", valueName: "C"))
    var cpusPerTask = 1

    @Option(help: "Slurm partition for both jobs (default: the cluster's default partition).")
    var partition: String?

    @Option(help: ArgumentHelp("Time limit of each job, as sbatch takes it (e.g. 02:00:00).", valueName: "HH:MM:SS"))
    var time: String?

    @Option(help: "Slurm account to charge both jobs to.")
    var account: String?

    @Option(parsing: .unconditional, help: ArgumentHelp(
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
        let plan = try SweepPlan.load(path: file, overrides: overrides.overrides, anchors: .runner)
        if let refusal = plan.shardingRefusal { throw RunnerFailure.input(refusal) }
        let submission = try SlurmSubmission(
            experimentFile: file, overrides: overrides.arguments, runCount: plan.runs.count, layout: SlurmLayout(experiment: plan.experiment.name),
            tasks: tasks, only: only, cpusPerTask: cpusPerTask, partition: partition, time: time, account: account)

        if dryRun {
            print("# array job: \(submission.layout.arrayScript(jobID: "ID"))")
            print(submission.scripts.array)
            print("# merge job: \(submission.layout.mergeScript(jobID: "ID"))")
            print(submission.scripts.merge(arrayJobID: "ARRAY_JOB_ID"), terminator: "")
            return
        }
        let jobs = try submission.submit(to: SlurmTools())
        print("array job \(jobs.array)")
        print("merge job \(jobs.merge)")
        print("follow with: runner slurm status \(file)\(overrides.commandLine)")
    }
}
