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

        enum CodingKeys: String, CodingKey {
            case columns, rows, truncated, rowLimit = "row_limit"
        }
    }

    func runConsoleQuery(_ request: DashboardRequest) throws -> DashboardResponse {
        guard request.body.count <= console.sqlLimit else {
            throw DashboardFailure(413, "the request body is \(request.body.count) bytes; the console takes at most \(console.sqlLimit)")
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

/// The README's example queries (its "Example queries"), one click away in
/// the console; a test holds the two to the same text.
struct ConsoleExample: Encodable, Sendable {
    var title: String
    var sql: String

    static let all: [ConsoleExample] = [
        ConsoleExample(
            title: "Per learning rate: validation, and the test accuracy at the best validation epoch",
            sql: """
                SELECT experiment, eta, n_seeds, round(mean_best_validation_accuracy, 4) AS validation,
                       round(mean_test_accuracy_at_best_validation, 4) AS test,
                       round(std_test_accuracy_at_best_validation, 4) AS sd
                FROM config_summary WHERE experiment = 'eta' ORDER BY mean_best_validation_accuracy DESC
                """),
        ConsoleExample(
            title: "Learning curve of one configuration, all seeds",
            sql: """
                SELECT s.experiment, s.seed, e.epoch, e.validation_accuracy, e.test_accuracy
                FROM run_summary s JOIN epochs e ON e.run_id = s.run_id
                WHERE s.experiment = 'eta' AND s.eta = 3.0 ORDER BY s.seed, e.epoch
                """),
        ConsoleExample(
            title: "Networks from small to large",
            sql: """
                SELECT experiment, hidden, init, n_seeds, mean_test_accuracy_at_best_validation
                FROM config_summary WHERE experiment = 'hidden' ORDER BY hidden_total, init
                """),
        ConsoleExample(
            title: "Runs that did not finish, with their errors",
            sql: """
                SELECT s.experiment, s.layers, s.eta, s.seed, s.status, r.error
                FROM run_summary s JOIN runs r ON r.id = s.run_id WHERE s.status <> 'done'
                """),
    ]
}
