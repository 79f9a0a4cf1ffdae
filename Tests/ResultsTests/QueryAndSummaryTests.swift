import Foundation
import XCTest
@testable import Results

final class QueryAndSummaryTests: XCTestCase {
    private var store: SQLiteResultsStore!

    override func setUpWithError() throws {
        store = try SQLiteResultsStore(path: try makeTemporaryDirectory(for: self) + "/results.sqlite")
    }

    func testConfigSummaryStatisticsAcrossSeeds() throws {
        _ = try store.register(makeExperiment("seeds"), runs: [
            makeRun("a1", seed: 1), makeRun("a2", seed: 2), makeRun("a3", seed: 3),
            makeRun("b1", eta: 0.5, seed: 1), makeRun("b2", eta: 0.5, seed: 2),
        ])
        try complete("a1", in: store, accuracies: [0.95, 0.9])
        try complete("a2", in: store, accuracies: [0.92])
        try complete("a3", in: store, accuracies: [0.94])
        try complete("b1", in: store, accuracies: [0.5])
        try complete("b2", in: store, accuracies: [0.6], status: .failed)

        let result = try store.query("""
            SELECT eta, n_seeds, mean_final_accuracy, std_final_accuracy, min_final_accuracy,
                   max_final_accuracy, mean_best_accuracy, std_best_accuracy, min_best_accuracy,
                   max_best_accuracy
            FROM config_summary WHERE experiment = 'seeds' ORDER BY first_position
            """)
        XCTAssertEqual(result.rows.count, 2)
        let a = result.rows[0].map { $0.flatMap(Double.init) }
        XCTAssertEqual(a[0], 3.0)
        XCTAssertEqual(a[1], 3)
        XCTAssertEqual(try XCTUnwrap(a[2]), 0.92, accuracy: 1e-12)
        XCTAssertEqual(try XCTUnwrap(a[3]), 0.02, accuracy: 1e-12)
        XCTAssertEqual(a[4], 0.9)
        XCTAssertEqual(a[5], 0.94)
        // Best accuracies are 0.95, 0.92, 0.94.
        XCTAssertEqual(try XCTUnwrap(a[6]), (0.95 + 0.92 + 0.94) / 3, accuracy: 1e-12)
        XCTAssertEqual(try XCTUnwrap(a[7]), 0.015275252316519468, accuracy: 1e-12)
        XCTAssertEqual(a[8], 0.92)
        XCTAssertEqual(a[9], 0.95)

        // The failed seed is left out; one seed has no sample deviation.
        XCTAssertEqual(result.rows[1], ["0.5", "1", "0.5", nil, "0.5", "0.5", "0.5", nil, "0.5", "0.5"])
    }

    /// One configuration's seeds trained by two arithmetics, linked to one
    /// experiment (as a merge can link them): the summaries keep them apart.
    func testSummariesKeepHashVersionsApart() throws {
        _ = try store.register(makeExperiment("mixed"), runs: [
            makeRun("old1", seed: 1, hashVersion: 1), makeRun("new1", seed: 1),
            makeRun("old2", seed: 2, hashVersion: 1), makeRun("new2", seed: 2),
        ])
        try complete("old1", in: store, accuracies: [0.5])
        try complete("old2", in: store, accuracies: [0.75])
        try complete("new1", in: store, accuracies: [0.25])
        try complete("new2", in: store, accuracies: [0.5])

        XCTAssertEqual(try store.query("""
            SELECT config_hash, seed, position, hash_version FROM run_summary WHERE experiment = 'mixed' ORDER BY position
            """).rows, [["old1", "1", "0", "1"], ["new1", "1", "1", "2"], ["old2", "2", "2", "1"], ["new2", "2", "3", "2"]])
        XCTAssertEqual(try store.query("""
            SELECT eta, n_seeds, mean_final_accuracy, min_final_accuracy, max_final_accuracy, first_position, hash_version
            FROM config_summary WHERE experiment = 'mixed' ORDER BY first_position
            """).rows, [["3.0", "2", "0.625", "0.5", "0.75", "0", "1"], ["3.0", "2", "0.375", "0.25", "0.5", "1", "2"]])
    }

    func testQueryRendersValuesAsText() throws {
        let result = try store.query("SELECT 42, 0.1, 1e-05, 'text', NULL, x'00ff10', 3.0 AS three")
        XCTAssertEqual(result.columns, ["42", "0.1", "1e-05", "'text'", "NULL", "x'00ff10'", "three"])
        XCTAssertEqual(result.rows, [["42", "0.1", "1e-05", "text", nil, "x'00ff10'", "3.0"]])
    }

    func testQueryReturnsTheLastStatementsRows() throws {
        let result = try store.query("SELECT 1; SELECT 2 AS two UNION ALL SELECT 3")
        XCTAssertEqual(result, QueryResult(columns: ["two"], rows: [["2"], ["3"]]))
    }

    func testQueryRejectsWritesAndLeavesTheFileUnchanged() throws {
        _ = try store.register(makeExperiment("sweep"), runs: [makeRun("h1"), makeRun("h2")])
        let before = try snapshot()

        for sql in ["DELETE FROM runs", "SELECT 1; DROP TABLE epochs", "UPDATE runs SET status = 'done'"] {
            XCTAssertThrowsError(try store.query(sql), sql) { error in
                XCTAssertTrue(String(describing: error).hasPrefix(store.path + ": query is read-only; refusing `"), "\(error)")
            }
        }
        XCTAssertThrowsError(try store.query("PRAGMA user_version = 7")) { error in
            XCTAssertEqual(error as? ResultsError, ResultsError(
                path: store.path, message: "query is read-only; refusing `PRAGMA user_version = 7`", kind: .input))
        }
        XCTAssertEqual(try snapshot(), before)
        XCTAssertEqual(try store.query("PRAGMA user_version").rows, [["0"]])
        XCTAssertEqual(try store.query("SELECT count(*) FROM runs").rows, [["2"]])
    }

    func testQuerySyntaxErrorNamesStatementAndMessage() throws {
        XCTAssertThrowsError(try store.query("SELECT * FROM nowhere")) { error in
            XCTAssertEqual(
                String(describing: error),
                "\(store.path): SQL error 1: no such table: nowhere, while executing `SELECT * FROM nowhere`")
        }
    }

    /// The database file and its write-ahead log, byte for byte.
    private func snapshot() throws -> [Data?] {
        [store.path, store.path + "-wal"].map { FileManager.default.contents(atPath: $0) }
    }
}
