import ArgumentParser
import Results

struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the experiments in the database with their runs by status and their best configuration.",
        discussion: """
            validation and test are the experiment's best configuration by mean best \
            validation accuracy: that mean, and the mean test accuracy at each seed's \
            best validation epoch. An experiment without a validation set shows its best \
            test accuracy, marked *: chosen on the test set, so optimistic.
            """
    )

    @OptionGroup var store: StoreOptions

    func run() throws {
        let reader = try store.openReader()
        let experiments = try reader.overview()
        let statuses = RunStatus.allCases
        var anyBest = false
        var testChosen = false
        let rows = try experiments.map { experiment in
            var best = ["-", "-"]
            if let top = try reader.bestConfigurations(experiment: experiment.name, limit: 1, decimals: 4).first {
                let validation = top.bestValidationAccuracy.mean.map(Self.fixed) ?? "-"
                let test = top.reportedTestAccuracy.mean.map(Self.fixed) ?? "-"
                anyBest = true
                testChosen = testChosen || !top.isChosenOnValidation
                best = [validation, test + (top.isChosenOnValidation ? "" : RankedConfigurations.testChosenMark)]
            }
            return [experiment.name] + statuses.map { String(experiment.counts[$0] ?? 0) }
                + [String(experiment.total)] + best + [experiment.description ?? ""]
        }
        let columns = ["experiment"] + statuses.map(\.rawValue) + ["total", "validation", "test", "description"]
        print(TextTable(columns: columns, rows: rows).render())
        guard anyBest else { return }
        print("validation, test: the best configuration by mean best validation accuracy; "
            + "its mean test accuracy at each seed's best validation epoch")
        if testChosen {
            print("\(RankedConfigurations.testChosenMark) no validation set: the best test accuracy, "
                + "chosen on the test set (optimistic)")
        }
    }

    private static func fixed(_ value: Double) -> String {
        String(format: "%.4f", value)
    }
}
