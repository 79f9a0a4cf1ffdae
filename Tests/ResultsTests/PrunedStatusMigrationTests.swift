import Foundation
import GRDB
import XCTest
@testable import Results

/// Migration v7: `runs` is rebuilt so that its status check accepts
/// `pruned`, losing nothing and breaking no reference to it, and
/// `decisions` is added.
final class PrunedStatusMigrationTests: XCTestCase {
    private static let tables = ["experiments", "experiment_versions", "runs", "experiment_runs", "epochs", "checkpoints"]

    /// Every row of every table, in key order.
    private func contents(of path: String) throws -> [String: [Row]] {
        let database = try DatabaseQueue(path: path)
        defer { try? database.close() }
        return try database.read { db in
            try Dictionary(uniqueKeysWithValues: Self.tables.map { table in
                (table, try Row.fetchAll(db, sql: "SELECT * FROM \(table) ORDER BY 1, 2"))
            })
        }
    }

    /// Experiment `sweep` with a done run (two epochs) and a pending one
    /// handed back after one epoch with its checkpoint, as schema v6 left them.
    private func makeVersion6Database(at path: String) throws {
        let database = try DatabaseQueue(path: path)
        try Schema.migrator.migrate(database, upTo: "v6")
        try database.write { db in
            try db.execute(sql: """
                INSERT INTO experiments (id, name, description, spec_yaml, spec_sha256, created_at)
                VALUES (1, 'sweep', 'a sweep', 'name: sweep', 'sha-sweep', '2026-03-01T12:00:00.000Z');
                INSERT INTO experiment_versions (experiment_id, spec_yaml, spec_sha256, registered_at, source_path)
                VALUES (1, 'name: sweep', 'sha-sweep', '2026-03-01T12:00:00.000Z', 'experiments/sweep.yaml');
                INSERT INTO runs (id, experiment_id, config_hash, layers, hidden, eta, epochs, batch_size, seed, init,
                                  dataset, train_size, test_size, params_json, status, error, final_accuracy,
                                  best_accuracy, best_epoch, final_train_cost, wall_seconds, started_at, finished_at,
                                  runner_version, git_commit, host, owner_pid, heartbeat_at, kernels, hash_version,
                                  cost, l2, momentum, patience, eta_halving, validation_size, stop_reason,
                                  best_validation_accuracy, best_validation_epoch, test_accuracy_at_best_validation,
                                  hidden_total)
                VALUES
                    (1, 1, 'done1', '784-30-10', '30', 3.0, 2, 10, 1, 'normal', 'mnist', 50000, 10000,
                     '{"hash":"done1","hash_version":2}', 'done', NULL, 0.75, 0.8, 1, 0.25, 4.5,
                     '2026-03-01T12:00:01.000Z', '2026-03-01T12:00:05.500Z', '0.1.0', 'abc123', 'host', 7,
                     '2026-03-01T12:00:05.500Z', 'avx2', 2, 'cross_entropy', 0.5, 0.25, 3, NULL, 10000, NULL,
                     0.85, 1, 0.8, 30),
                    (2, 1, 'waiting', '784-30-10', '30', 0.5, 3, 10, 2, 'normal', 'mnist', 50000, 10000,
                     '{"hash":"waiting","hash_version":2}', 'pending', NULL, NULL, NULL, NULL, NULL, NULL,
                     NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 2, 'quadratic', 0.0, 0.0, NULL, 2, 10000, NULL,
                     NULL, NULL, NULL, 30);
                INSERT INTO experiment_runs (experiment_id, run_id, position) VALUES (1, 1, 0), (1, 2, 1);
                INSERT INTO epochs (run_id, epoch, train_cost, test_cost, test_accuracy, seconds, eta,
                                    validation_cost, validation_accuracy)
                VALUES (1, 1, 0.5, 0.4, 0.8, 2, 3.0, 0.1, 0.85), (1, 2, 0.25, 0.3, 0.75, 2.5, 3.0, 0.2, 0.8),
                       (2, 1, 0.75, 0.6, 0.5, 2, 0.5, 0.3, 0.55);
                INSERT INTO checkpoints (run_id, epoch, state) VALUES (2, 1, x'0102ff');
                """)
        }
        try database.close()
    }

    func testAVersion6DatabaseKeepsEveryRowAndAcceptsPruned() throws {
        let path = try makeTemporaryDirectory(for: self) + "/results.sqlite"
        try makeVersion6Database(at: path)
        let before = try contents(of: path)

        let store = try SQLiteResultsStore(path: path)

        XCTAssertEqual(try store.query("SELECT identifier FROM grdb_migrations ORDER BY identifier").rows.last, ["v7"])
        XCTAssertEqual(try store.query("PRAGMA foreign_key_check").rows, [])
        XCTAssertEqual(try store.query("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'runs' AND sql IS NOT NULL").rows,
                       [["runs_status"]])
        XCTAssertEqual(try store.query("SELECT run_id, status, best_validation_accuracy, position FROM run_summary ORDER BY position").rows,
                       [["1", "done", "0.85", "0"], ["2", "pending", nil, "1"]])
        XCTAssertEqual(try store.query("SELECT n_seeds, mean_best_validation_accuracy, hidden_total FROM config_summary").rows,
                       [["1", "0.85", "30"]])
        try store.close()
        XCTAssertEqual(try contents(of: path), before)

        let database = try DatabaseQueue(path: path)
        defer { try? database.close() }
        try database.write { db in
            try db.execute(sql: "UPDATE runs SET status = 'pruned' WHERE id = 2")
            XCTAssertThrowsError(try db.execute(sql: "UPDATE runs SET status = 'stopped' WHERE id = 2"))
            XCTAssertThrowsError(try db.execute(sql: "UPDATE runs SET config_hash = 'done1' WHERE id = 2"), "still unique")
            XCTAssertThrowsError(try db.execute(sql: "INSERT INTO epochs (run_id, epoch) VALUES (3, 1)"), "still referenced")
        }
        // Deleting a run still cascades to what refers to it.
        try database.write { db in
            try db.execute(sql: """
                INSERT INTO decisions (experiment_id, run_id, bracket, rung, epoch, metric, metric_value, threshold,
                                       rank, rung_size, verdict, decided_at)
                VALUES (1, 2, 0, 0, 1, 'validation_accuracy', 0.55, 0.85, 2, 2, 'prune', '2026-03-02T00:00:00.000Z')
                """)
            try db.execute(sql: "DELETE FROM runs WHERE id = 2")
            for table in ["epochs", "checkpoints", "experiment_runs", "decisions"] {
                XCTAssertEqual(try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table) WHERE run_id = 2"), 0, table)
            }
            XCTAssertEqual(try Int.fetchOne(db, sql: "SELECT count(*) FROM epochs WHERE run_id = 1"), 2)
            XCTAssertEqual(try Row.fetchAll(db, sql: "PRAGMA foreign_key_check"), [])
        }
    }

    func testAVersion6DatabaseOpenedReadOnlyIsReadThroughAnUpgradedCopy() throws {
        let path = try makeTemporaryDirectory(for: self) + "/results.sqlite"
        try makeVersion6Database(at: path)

        let store = try SQLiteResultsStore(path: path, readOnly: true)

        XCTAssertEqual(try store.statuses(of: ["done1", "waiting"]), ["done1": .done, "waiting": .pending])
        XCTAssertEqual(try store.query("SELECT count(*) FROM decisions").rows, [["0"]])
        try store.close()
        let database = try DatabaseQueue(path: path)
        defer { try? database.close() }
        XCTAssertEqual(try database.read { try String.fetchAll($0, sql: "SELECT identifier FROM grdb_migrations") }.last, "v6")
    }
}
