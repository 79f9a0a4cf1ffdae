import ArgumentParser
import Cluster
import Experiments

/// `--set KEY=VALUE`, shared by the commands that read an experiment file,
/// so that each of them sees the experiment the overrides make.
struct OverrideOptions: ParsableArguments {
    @Option(
        name: .customLong("set"),
        help: ArgumentHelp(
            "Change the experiment as if the file said KEY: VALUE, for a top-level key or grid.KEY; VALUE is YAML flow text (epochs=1, 'grid.eta=[1,3]'). Repeat for several keys. The experiment is then named NAME+ and a hash of the overrides, unless one sets name.",
            valueName: "KEY=VALUE"))
    var arguments: [String] = []

    var overrides: [Override] { arguments.map(Override.init) }

    /// ` --set epochs=1 --set 'grid.eta=[1,3]'`, for a command line to run again; empty without.
    var commandLine: String {
        arguments.map { " --set \(shellQuoted($0))" }.joined()
    }
}
