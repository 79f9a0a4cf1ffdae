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
