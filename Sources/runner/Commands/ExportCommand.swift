import ArgumentParser
import Results

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write an experiment's CSV summaries: NAME-runs.csv, NAME-configs.csv, NAME-epochs.csv."
    )

    @OptionGroup var store: StoreOptions

    @Option(help: "The experiment to export (default: every experiment in the database).")
    var experiment: String?

    @Option(help: "Directory for the CSV files.")
    var out = ResultsLayout().exportDirectory

    func run() throws {
        let store = try store.openReader()
        let names = try experiment.map { [$0] } ?? store.overview().map(\.name)
        for name in names {
            for path in try store.export(experiment: name, to: out) { print(path) }
        }
    }
}
