import GRDB
import XCTest
@testable import Results

/// Migration v5: `hidden` is text, so it sorts `100` before `30`;
/// `hidden_total` sorts networks by their hidden sizes summed, in `runs`,
/// both views, and for runs stored before it as for new ones.
final class HiddenTotalMigrationTests: XCTestCase {
    func testAVersion3DatabaseGainsASortableHiddenTotal() throws {
        let path = try makeTemporaryDirectory(for: self) + "/results.sqlite"
        try makeVersion3Database(at: path, hidden: ["100", "30", "10", "", "30-30"])

        let store = try SQLiteResultsStore(path: path)

        XCTAssertEqual(try store.query("SELECT hidden FROM runs ORDER BY hidden").rows.map { $0[0] },
                       ["", "10", "100", "30", "30-30"], "the trap: text order")
        XCTAssertEqual(try store.query("SELECT hidden, hidden_total FROM run_summary ORDER BY hidden_total").rows, [
            ["", "0"], ["10", "10"], ["30", "30"], ["30-30", "60"], ["100", "100"],
        ])
        XCTAssertEqual(try store.query("SELECT hidden, hidden_total, n_seeds FROM config_summary ORDER BY hidden_total").rows, [
            ["", "0", "1"], ["10", "10", "1"], ["30", "30", "1"], ["30-30", "60", "1"], ["100", "100", "1"],
        ])
    }

    func testRegistrationRecordsTheHiddenTotal() throws {
        let store = try SQLiteResultsStore(path: try makeTemporaryDirectory(for: self) + "/results.sqlite")
        _ = try store.register(makeExperiment("deep"), runs: [
            makeRun("a", layers: [784, 100, 30, 10]), makeRun("b", layers: [784, 10]), makeRun("c", layers: [784, 30, 10]),
        ])
        XCTAssertEqual(try store.query("SELECT config_hash, hidden, hidden_total FROM runs ORDER BY hidden_total").rows, [
            ["b", "", "0"], ["c", "30", "30"], ["a", "100-30", "130"],
        ])
    }

    /// One done run per hidden size, of experiment `sweep`, at schema v3.
    private func makeVersion3Database(at path: String, hidden: [String]) throws {
        let database = try DatabaseQueue(path: path)
        try Schema.migrator.migrate(database, upTo: "v3")
        try database.write { db in
            try db.execute(sql: """
                INSERT INTO experiments (id, name, created_at) VALUES (1, 'sweep', '2026-01-31T12:00:00.000Z')
                """)
            for (index, sizes) in hidden.enumerated() {
                let layers = (["784"] + sizes.split(separator: "-").map(String.init) + ["10"]).joined(separator: "-")
                try db.execute(sql: """
                    INSERT INTO runs (id, experiment_id, config_hash, layers, hidden, eta, epochs, batch_size, seed, init,
                                      dataset, train_size, test_size, params_json, hash_version, status, best_accuracy)
                    VALUES (?, 1, ?, ?, ?, 3.0, 1, 10, 1, 'normal', 'mnist', 50000, 10000, '{}', 2, 'done', 0.5);
                    INSERT INTO experiment_runs (experiment_id, run_id, position) VALUES (1, ?, ?);
                    """, arguments: [index + 1, "run\(index)", layers, sizes, index + 1, index])
            }
        }
        try database.close()
    }
}
