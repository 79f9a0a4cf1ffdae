import ArgumentParser

/// `runner slurm submit|status`: an experiment as a Slurm job array, one
/// shard per task, followed by a job that merges the shards.
struct SlurmCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "slurm",
        abstract: "Train an experiment on a Slurm cluster and follow it.",
        discussion: """
            submit sends a job array (task I runs `runner sweep FILE --shard I/N` into \
            results/shards/NAME-I-of-N.sqlite) and a job that runs when the array has ended, \
            however it ended, merging the shards into results/results.sqlite and exporting the \
            CSVs. status shows the runs by status across those databases beside what Slurm \
            says of the jobs. Run both from the directory the jobs should work in: it must be \
            visible to the compute nodes under the same path, like the runner executable. \
            The scripts, the job ids and the task logs are kept under results/slurm/NAME/.
            """,
        subcommands: [SlurmSubmitCommand.self, SlurmStatusCommand.self]
    )
}
