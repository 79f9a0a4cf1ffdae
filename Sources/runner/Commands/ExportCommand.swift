import ArgumentParser
import Foundation
import Results

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write an experiment's CSV files: NAME-runs.csv, NAME-configs.csv, NAME-epochs.csv, NAME-timings.csv.",
        discussion: """
            The first three hold no database ids and no timings: the same runs export the \
            same bytes from any database. NAME-timings.csv holds the wall-clock seconds. \
            An experiment with runs that are not done is refused, saying how many by \
            status, and nothing is written (exit 1): its files would be partial. \
            --allow-partial writes them as they are.
            """
    )

    @OptionGroup var store: StoreOptions

    @Option(help: "The experiment to export (default: every experiment in the database).")
    var experiment: String?

    @Option(help: "Directory for the CSV files.")
    var out = ResultsLayout().exportDirectory

    @Flag(help: "Export experiments whose runs are not all done, as they are.")
    var allowPartial = false

    func run() throws {
        let reader = try store.openReader()
        let experiments = try reader.overview()
        var chosen = experiments
        if let experiment {
            guard let found = experiments.first(where: { $0.name == experiment }) else {
                throw ResultsError.noExperiment(named: experiment, known: experiments.map(\.name), path: store.path)
            }
            chosen = [found]
        }
        let unfinished = chosen.filter { $0.notDone > 0 }
        if !unfinished.isEmpty && !allowPartial {
            throw RunnerFailure.runtime(Self.refusal(unfinished))
        }
        for experiment in chosen {
            if experiment.notDone > 0 {
                FileHandle.standardError.write(Data(
                    "runner: warning: \(Self.missing(experiment)); exported as it is\n".utf8))
            }
            for path in try reader.export(experiment: experiment.name, to: out) { print(path) }
        }
    }

    /// `smoke: 3 of 4 runs are not done (2 pending, 1 failed)`
    private static func missing(_ experiment: ExperimentOverview) -> String {
        let counts = RunStatus.allCases.filter { $0 != .done && $0 != .pruned }.compactMap { status in
            experiment.counts[status].flatMap { $0 > 0 ? "\($0) \(status.rawValue)" : nil }
        }
        return "\(experiment.name): \(experiment.notDone) of \(experiment.total) runs are not done ("
            + counts.joined(separator: ", ") + ")"
    }

    private static func refusal(_ unfinished: [ExperimentOverview]) -> String {
        guard unfinished.count > 1 else {
            return missing(unfinished[0]) + "; nothing exported (--allow-partial exports it as it is)"
        }
        return "\(unfinished.count) experiments are not finished; nothing exported "
            + "(--allow-partial exports them as they are):\n"
            + unfinished.map { "  " + missing($0) }.joined(separator: "\n")
    }
}
