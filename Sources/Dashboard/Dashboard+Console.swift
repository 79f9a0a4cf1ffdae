import Foundation
import Results

// The SQL console: read-only, `query_only`, cancelled past its time limit,
// cut at its row limit.
extension Dashboard {
    struct ConsoleAnswer: Encodable {
        var columns: [String]
        var rows: [[String?]]
        var truncated: Bool
        var rowLimit: Int
    }

    func runConsoleQuery(_ request: DashboardRequest) throws -> DashboardResponse {
        guard request.body.count <= console.sqlLimit else {
            throw DashboardFailure(413, "the SQL is \(request.body.count) bytes; the console takes at most \(console.sqlLimit)")
        }
        struct Question: Decodable { var sql: String }
        guard let question = try? JSONDecoder().decode(Question.self, from: request.body) else {
            throw DashboardFailure(400, #"expected a JSON body {"sql": "…"}"#)
        }
        guard !question.sql.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw DashboardFailure(400, "no SQL to run")
        }
        do {
            let result = try results.query(
                question.sql, arguments: [:],
                limits: QueryLimits(rowLimit: console.rowLimit, timeLimit: console.timeLimit))
            return .json(ConsoleAnswer(columns: result.columns, rows: result.rows, truncated: result.truncated, rowLimit: console.rowLimit))
        } catch let error as ResultsError where error.kind == .input {
            throw DashboardFailure(400, error.message)
        }
    }
}

/// The README's example queries, one click away in the console.
struct ConsoleExample: Encodable, Sendable {
    var title: String
    var sql: String

    static let all: [ConsoleExample] = [
        ConsoleExample(
            title: "Configurations ranked by validation",
            sql: """
                SELECT experiment, layers, eta, batch_size, n_seeds,
                       round(mean_test_accuracy_at_best_validation, 4) AS test_at_best_validation,
                       round(std_test_accuracy_at_best_validation, 4) AS sd
                FROM config_summary
                ORDER BY mean_best_validation_accuracy DESC
                LIMIT 20
                """),
        ConsoleExample(
            title: "Runs by status",
            sql: "SELECT status, count(*) AS runs FROM runs GROUP BY status ORDER BY runs DESC"),
        ConsoleExample(
            title: "Learning curve of one run",
            sql: """
                SELECT epoch, train_cost, validation_accuracy, test_accuracy, seconds
                FROM epochs WHERE run_id = (SELECT min(id) FROM runs WHERE status = 'done')
                ORDER BY epoch
                """),
        ConsoleExample(
            title: "Failed and diverged runs",
            sql: "SELECT run_id, experiment, eta, status FROM run_summary WHERE status IN ('failed', 'diverged')"),
    ]
}
