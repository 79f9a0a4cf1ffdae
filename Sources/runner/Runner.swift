import ArgumentParser
import Backprop

@main
struct Runner: ParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "runner",
        abstract: "Train Nielsen-style sigmoid networks by backpropagation and record hyperparameter sweeps.",
        version: version,
        subcommands: [
            TrainCommand.self, SweepCommand.self, QueryCommand.self, ListCommand.self, ExportCommand.self,
            ShowCommand.self, VerifyCommand.self, MergeCommand.self, DatasetsCommand.self, GCCommand.self,
            CheckCommand.self, BackupCommand.self, RecoverCommand.self,
            SlurmCommand.self, ServeCommand.self,
            GradcheckCommand.self, BenchCommand.self,
        ]
    )

    /// Renders every failure in one place, with the exit codes the README
    /// documents: 2 for bad usage or input, 1 for a failure at run time.
    static func main() {
        var verbose = false
        do {
            var command = try parseAsRoot()
            verbose = (command as? any ShowsStatements)?.verbose ?? false
            if command is any ComputesWithKernels {
                _ = try KernelVariant.selected()
            }
            try command.run()
        } catch {
            exit(reporting: error, verbose: verbose)
        }
    }
}
