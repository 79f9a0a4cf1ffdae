import ArgumentParser
import Results

struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the experiments in the database with their runs by status."
    )

    @OptionGroup var store: StoreOptions

    func run() throws {
        let experiments = try store.openReader().overview()
        let statuses = RunStatus.allCases
        let rows = experiments.map { experiment in
            [experiment.name] + statuses.map { String(experiment.counts[$0] ?? 0) }
                + [String(experiment.total), experiment.description ?? ""]
        }
        print(TextTable(columns: ["experiment"] + statuses.map(\.rawValue) + ["total", "description"], rows: rows).render())
    }
}
