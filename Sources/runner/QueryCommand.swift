import ArgumentParser
import Results

struct QueryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "query",
        abstract: "Run read-only SQL on the results database and print the rows.",
        discussion: """
            The database is opened read-only: statements that would change it are refused. \
            Example:
              runner query "SELECT eta, mean_best_accuracy FROM config_summary WHERE experiment = 'eta'"
            """
    )

    @Argument(help: "The SQL to run; with several statements, the last one's rows are printed.")
    var sql: String

    @OptionGroup var store: StoreOptions

    @Flag(help: "Print CSV (RFC 4180, with a header row) instead of an aligned table.")
    var csv = false

    func run() throws {
        let result = try store.openReader().query(sql)
        if csv {
            print(result.csv, terminator: "")
        } else {
            print(TextTable(columns: result.columns, rows: result.rows.map { $0.map { $0 ?? "NULL" } }).render())
            print("(\(result.rows.count) row\(result.rows.count == 1 ? "" : "s"))")
        }
    }
}

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
