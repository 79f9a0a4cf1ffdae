import ArgumentParser
import Results

struct QueryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "query",
        abstract: "Run read-only SQL on the results database and print the rows.",
        discussion: """
            The database is opened read-only: statements that would change it are refused. \
            With --experiment NAME, the name must be an experiment of the database (else \
            exit 2, naming those there are) and is the value of the parameter :experiment. \
            A parameter without a value is refused. Examples:
              runner query "SELECT eta, mean_best_accuracy FROM config_summary WHERE experiment = 'eta'"
              runner query --experiment eta "SELECT eta, mean_best_accuracy FROM config_summary WHERE experiment = :experiment"
            """
    )

    @Argument(help: "The SQL to run; with several statements, the last one's rows are printed.")
    var sql: String

    @OptionGroup var store: StoreOptions

    @Option(help: "An experiment the database must have; the SQL's :experiment is its name.")
    var experiment: String?

    @Flag(help: "Print CSV (RFC 4180, with a header row) instead of an aligned table.")
    var csv = false

    func run() throws {
        let reader = try store.openReader()
        var arguments: [String: String] = [:]
        if let experiment {
            let known = try reader.overview().map(\.name)
            guard known.contains(experiment) else {
                throw ResultsError.noExperiment(named: experiment, known: known, path: store.path)
            }
            arguments["experiment"] = experiment
        }
        let result = try reader.query(sql, arguments: arguments)
        if csv {
            print(result.csv, terminator: "")
        } else {
            print(TextTable(columns: result.columns, rows: result.rows.map { $0.map { $0 ?? "NULL" } }).render())
            print("(\(result.rows.count) row\(result.rows.count == 1 ? "" : "s"))")
        }
    }
}
