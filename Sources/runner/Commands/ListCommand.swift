import ArgumentParser
import Foundation
import Results
import Sweep

struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the experiments with their runs by status and best configuration, or one experiment's runs.",
        discussion: """
            Without NAME: every experiment, its runs counted by status, and its best \
            configuration by mean best validation accuracy: that mean (validation) and the \
            mean test accuracy at each seed's best validation epoch (test). An experiment \
            without a validation set shows its best test accuracy, marked *: chosen on the \
            test set, so optimistic. \
            With NAME: that experiment's runs in its order, with their ids, config_hash \
            prefixes, the settings that vary among them, status, best validation accuracy \
            and the test accuracy at that epoch. \
            A run marked running whose process is gone shows as stale: on this host its \
            pid has no process, elsewhere it has not written a heartbeat (one per epoch) \
            for 30 minutes. The next sweep trains it again. \
            With --orphans: the runs no experiment lists, which runner gc deletes.
            """
    )

    @Argument(help: "An experiment whose runs to list.")
    var name: String?

    @OptionGroup var store: StoreOptions

    @Flag(help: "List the runs linked to no experiment.")
    var orphans = false

    func validate() throws {
        if orphans && name != nil { throw ValidationError("--orphans lists runs of no experiment; give no NAME") }
    }

    func run() throws {
        let reader = try store.openReader()
        let staleRuns = try reader.runningRuns().filter(SweepSession.isAbandoned)
        let stale = Set(staleRuns.map(\.id))
        if orphans {
            let runs = try reader.orphanedRuns()
            guard !runs.isEmpty else { return print("every run is linked to an experiment") }
            print(try RunListing.orphans(runs, stale: stale, reader: reader))
            print("\(runs.count) run\(runs.count == 1 ? "" : "s") linked to no experiment; runner gc deletes "
                + (runs.count == 1 ? "it" : "them"))
        } else if let name {
            try listRuns(of: name, reader: reader, stale: stale)
        } else {
            try listExperiments(reader: reader, staleRuns: staleRuns)
        }
    }

    private func listRuns(of name: String, reader: any ResultsReader, stale: Set<Int64>) throws {
        let runs = try reader.runs(experiment: name)
        let listing = RunListing.runs(runs, stale: stale)
        print(listing.table)
        print("best_validation, test: the run's best validation accuracy and its test accuracy in that epoch")
        if listing.testChosen {
            print("\(RankedConfigurations.testChosenMark) no validation set: the best test accuracy, "
                + "chosen on the test set (optimistic)")
        }
    }

    /// Each experiment's runs by status, those marked running split into
    /// `running` and `stale`.
    private func listExperiments(reader: any ResultsReader, staleRuns: [RunningRun]) throws {
        let experiments = try reader.overview()
        var anyBest = false
        var testChosen = false
        let rows = try experiments.map { experiment in
            var best = ["-", "-"]
            if let top = try reader.bestConfigurations(experiment: experiment.name, limit: 1, decimals: 4).first {
                let validation = top.bestValidationAccuracy.mean.map(RunListing.fixed) ?? "-"
                let test = top.reportedTestAccuracy.mean.map(RunListing.fixed) ?? "-"
                anyBest = true
                testChosen = testChosen || !top.isChosenOnValidation
                best = [validation, test + (top.isChosenOnValidation ? "" : RankedConfigurations.testChosenMark)]
            }
            let staleCount = staleRuns.filter { $0.experiments.contains(experiment.name) }.count
            let counts = RunStatus.allCases.flatMap { status -> [String] in
                let count = experiment.counts[status] ?? 0
                return status == .running ? [String(count - staleCount), String(staleCount)] : [String(count)]
            }
            return [experiment.name] + counts + [String(experiment.total)] + best + [experiment.description ?? ""]
        }
        let statuses = RunStatus.allCases.flatMap { $0 == .running ? ["running", "stale"] : [$0.rawValue] }
        let columns = ["experiment"] + statuses + ["total", "validation", "test", "description"]
        print(TextTable(columns: columns, rows: rows).render())
        guard anyBest else { return }
        print("validation, test: the best configuration by mean best validation accuracy; "
            + "its mean test accuracy at each seed's best validation epoch")
        if testChosen {
            print("\(RankedConfigurations.testChosenMark) no validation set: the best test accuracy, "
                + "chosen on the test set (optimistic)")
        }
    }
}
