import Foundation
import GRDB
import XCTest
@testable import Results

final class SchemaTests: XCTestCase {
    func testMigrationCreatesTablesColumnsAndViews() throws {
        let path = try makeTemporaryDirectory(for: self) + "/nested/results.sqlite"
        let store = try SQLiteResultsStore(path: path)

        let objects = try store.query("""
            SELECT type, name FROM sqlite_master
            WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%' ORDER BY type, name
            """)
        XCTAssertEqual(objects.rows, [
            ["table", "checkpoints"], ["table", "decisions"], ["table", "epochs"], ["table", "experiment_runs"], ["table", "experiment_versions"], ["table", "experiments"],
            ["table", "grdb_migrations"], ["table", "runs"],
            ["view", "config_summary"], ["view", "run_summary"],
        ])

        func columns(_ table: String) throws -> [String?] {
            try store.query("SELECT name FROM pragma_table_info('\(table)') ORDER BY cid").rows.map { $0[0] }
        }
        XCTAssertEqual(try columns("experiments"), ["id", "name", "description", "spec_yaml", "spec_sha256", "created_at"])
        XCTAssertEqual(try columns("checkpoints"), ["run_id", "epoch", "state"])
        XCTAssertEqual(try columns("decisions"), [
            "id", "experiment_id", "run_id", "bracket", "rung", "epoch", "metric", "metric_value", "threshold", "rank",
            "rung_size", "verdict", "decided_at",
        ])
        XCTAssertEqual(try columns("runs"), [
            "id", "experiment_id", "config_hash", "layers", "hidden", "eta", "epochs", "batch_size", "seed",
            "init", "dataset", "train_size", "test_size", "params_json", "status", "error", "final_accuracy",
            "best_accuracy", "best_epoch", "final_train_cost", "wall_seconds", "started_at", "finished_at",
            "runner_version", "git_commit", "host", "owner_pid", "heartbeat_at", "kernels", "hash_version",
            "cost", "l2", "momentum", "patience", "eta_halving", "validation_size", "stop_reason",
            "best_validation_accuracy", "best_validation_epoch", "test_accuracy_at_best_validation", "hidden_total",
        ])
        XCTAssertEqual(try columns("experiment_runs"), ["experiment_id", "run_id", "position"])
        XCTAssertEqual(try columns("experiment_versions"), [
            "id", "experiment_id", "spec_yaml", "spec_sha256", "registered_at", "source_path",
        ])
        XCTAssertEqual(try columns("epochs"), [
            "run_id", "epoch", "train_cost", "test_cost", "test_accuracy", "seconds", "eta", "validation_cost",
            "validation_accuracy",
        ])
        XCTAssertEqual(try columns("run_summary"), [
            "experiment", "run_id", "config_hash", "layers", "hidden", "eta", "epochs", "batch_size", "init",
            "seed", "dataset", "train_size", "test_size", "status", "final_accuracy", "best_accuracy",
            "best_epoch", "final_train_cost", "wall_seconds", "position", "hash_version", "cost", "l2",
            "momentum", "patience", "eta_halving", "validation_size", "stop_reason", "best_validation_accuracy",
            "best_validation_epoch", "test_accuracy_at_best_validation", "hidden_total",
        ])
        XCTAssertEqual(try columns("config_summary"), [
            "experiment", "layers", "hidden", "eta", "epochs", "batch_size", "init", "dataset", "train_size",
            "test_size", "n_seeds", "mean_final_accuracy", "std_final_accuracy", "min_final_accuracy",
            "max_final_accuracy", "mean_best_accuracy", "std_best_accuracy", "min_best_accuracy",
            "max_best_accuracy", "first_position", "hash_version", "cost", "l2", "momentum", "patience",
            "eta_halving", "validation_size", "mean_best_validation_accuracy", "std_best_validation_accuracy",
            "min_best_validation_accuracy", "max_best_validation_accuracy", "mean_test_accuracy_at_best_validation",
            "std_test_accuracy_at_best_validation", "min_test_accuracy_at_best_validation",
            "max_test_accuracy_at_best_validation", "hidden_total",
        ])
        XCTAssertEqual(try store.query("PRAGMA journal_mode").rows, [["wal"]])
        XCTAssertEqual(try store.query("SELECT identifier FROM grdb_migrations ORDER BY identifier").rows,
                       [["v1"], ["v2"], ["v3"], ["v4"], ["v5"], ["v6"], ["v7"]])
    }

    /// A file of schema v1 gains the columns in place, its runs keep every
    /// value, and the summaries show their hash version.
    func testAVersion1DatabaseUpgradesInPlace() throws {
        let path = try makeTemporaryDirectory(for: self) + "/results.sqlite"
        try makeVersion1Database(at: path)

        let store = try SQLiteResultsStore(path: path)

        XCTAssertEqual(try store.query("SELECT identifier FROM grdb_migrations ORDER BY identifier").rows,
                       [["v1"], ["v2"], ["v3"], ["v4"], ["v5"], ["v6"], ["v7"]])
        XCTAssertEqual(try store.query("""
            SELECT id, config_hash, status, best_accuracy, runner_version, host, kernels, hash_version FROM runs ORDER BY id
            """).rows, [
            ["1", "old1", "done", "0.91", "0.1.0", "old-host", nil, "1"],
            ["2", "old2", "done", "0.8", "0.1.0", "old-host", nil, "1"],
            ["3", "broken", "pending", nil, nil, nil, nil, nil],
        ])
        XCTAssertEqual(try store.query("SELECT count(*) FROM epochs").rows, [["4"]])
        XCTAssertEqual(try store.query("SELECT run_id, seed, position, hash_version FROM run_summary ORDER BY position").rows, [
            ["1", "1", "0", "1"], ["2", "2", "1", "1"], ["3", "3", "2", nil],
        ])
        XCTAssertEqual(try store.query("""
            SELECT experiment, eta, n_seeds, min_best_accuracy, max_best_accuracy, first_position, hash_version
            FROM config_summary
            """).rows, [["sweep", "3.0", "2", "0.8", "0.91", "0", "1"]])
        let stored = try XCTUnwrap(try store.run(id: 1))
        XCTAssertEqual(stored.hashVersion, 1)
        XCTAssertNil(stored.kernels)
    }

    func testStatusCheckRejectsUnknownStatus() throws {
        let path = try makeTemporaryDirectory(for: self) + "/results.sqlite"
        _ = try SQLiteResultsStore(path: path)
        let sqlite = try SQLiteResultsStore(path: path)
        XCTAssertThrowsError(try sqlite.writeTransaction("test") { db in
            try db.execute(sql: "INSERT INTO runs (config_hash, status) VALUES ('x', 'paused')")
        }) { error in
            XCTAssertTrue(String(describing: error).contains("CHECK constraint failed"), "\(error)")
        }
    }

    func testClosingOrReleasingTheStoreLeavesOneFile() throws {
        let directory = try makeTemporaryDirectory(for: self)
        let path = directory + "/results.sqlite"
        let store = try SQLiteResultsStore(path: path)
        _ = try store.register(makeExperiment("a"), runs: [makeRun("h1")])
        // Reads open the pool's reader connections, which must close first.
        XCTAssertEqual(try store.statuses(of: ["h1"]), ["h1": .pending])
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory).sorted(),
                       ["results.sqlite", "results.sqlite-shm", "results.sqlite-wal"])

        try store.close()
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory), ["results.sqlite"])
        XCTAssertThrowsError(try store.statuses(of: ["h1"]))

        do {
            let released = try SQLiteResultsStore(path: path)
            XCTAssertEqual(try released.statuses(of: ["h1"]), ["h1": .pending])
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory), ["results.sqlite"])
    }

    func testReopeningKeepsDataAndSchema() throws {
        let path = try makeTemporaryDirectory(for: self) + "/results.sqlite"
        _ = try SQLiteResultsStore(path: path).register(makeExperiment("a"), runs: [makeRun("h1")])
        let reopened = try SQLiteResultsStore(path: path)
        XCTAssertEqual(try reopened.statuses(of: ["h1"]), ["h1": .pending])
        let readOnly = try SQLiteResultsStore(path: path, readOnly: true)
        XCTAssertEqual(try readOnly.statuses(of: ["h1"]), ["h1": .pending])
        XCTAssertThrowsError(try readOnly.register(makeExperiment("b"), runs: [])) { error in
            XCTAssertEqual(String(describing: error), "\(path): opened read-only; cannot register experiment b")
        }
    }

    func testConcurrentCreationOfAFreshFileSucceedsEverywhere() throws {
        // Several fresh files, so the openers meet mid-migration at least
        // some of the time.
        let directory = try makeTemporaryDirectory(for: self)
        let paths = (1...5).map { "\(directory)/results-\($0).sqlite" }
        let failures = Failures()
        DispatchQueue.concurrentPerform(iterations: paths.count * 4) { index in
            do {
                let store = try SQLiteResultsStore(path: paths[index / 4])
                _ = try store.register(makeExperiment("shared"), runs: [makeRun("h1")])
            } catch {
                failures.append(String(describing: error))
            }
        }
        XCTAssertEqual(failures.all, [])
        for path in paths {
            XCTAssertEqual(try SQLiteResultsStore(path: path).statuses(of: ["h1"]), ["h1": .pending])
        }
    }

    /// Reading an old file (`runner query`, `show`, `verify`) sees this
    /// runner's schema, and the file stays byte for byte as it was.
    func testAVersion1DatabaseOpenedReadOnlyIsReadUpgradedAndLeftAsItIs() throws {
        let directory = try makeTemporaryDirectory(for: self)
        let path = directory + "/results.sqlite"
        try makeVersion1Database(at: path)
        let before = try Data(contentsOf: URL(fileURLWithPath: path))

        let store = try SQLiteResultsStore(path: path, readOnly: true)
        XCTAssertEqual(try store.query("SELECT run_id, position, hash_version FROM run_summary ORDER BY position").rows,
                       [["1", "0", "1"], ["2", "1", "1"], ["3", "2", nil]])
        XCTAssertEqual(try store.query("SELECT kernels, hash_version FROM runs WHERE id = 1").rows, [[nil, "1"]])
        XCTAssertEqual(try store.run(id: 2)?.hashVersion, 1)
        XCTAssertEqual(try store.epochs(runID: 2).map(\.testAccuracy), [0.7, 0.8])
        XCTAssertThrowsError(try store.register(makeExperiment("b"), runs: [])) { error in
            XCTAssertEqual(error as? ResultsError, ResultsError(path: path, message: "opened read-only; cannot register experiment b"))
        }
        try store.close()

        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: path)), before)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory), ["results.sqlite"])
        let file = try DatabaseQueue(path: path, configuration: SQLiteResultsStore.configuration(readOnly: true))
        XCTAssertEqual(try file.read { try String.fetchAll($0, sql: "SELECT identifier FROM grdb_migrations") }, ["v1"])
    }

    /// Sweeps started together on an old file all upgrade it or find it upgraded.
    func testConcurrentUpgradeOfAVersion1FileSucceedsEverywhere() throws {
        let directory = try makeTemporaryDirectory(for: self)
        let paths = (1...5).map { "\(directory)/results-\($0).sqlite" }
        for path in paths { try makeVersion1Database(at: path) }
        let failures = Failures()
        DispatchQueue.concurrentPerform(iterations: paths.count * 4) { index in
            do {
                _ = try SQLiteResultsStore(path: paths[index / 4]).statuses(of: ["old1"])
            } catch {
                failures.append(String(describing: error))
            }
        }
        XCTAssertEqual(failures.all, [])
        for path in paths {
            let store = try SQLiteResultsStore(path: path, readOnly: true)
            XCTAssertEqual(try store.query("SELECT identifier FROM grdb_migrations ORDER BY identifier").rows,
                           [["v1"], ["v2"], ["v3"], ["v4"], ["v5"], ["v6"], ["v7"]])
            XCTAssertEqual(try store.query("SELECT config_hash, hash_version FROM runs ORDER BY id").rows,
                           [["old1", "1"], ["old2", "1"], ["broken", nil]])
        }
    }

    func testNewerSchemaIsRefused() throws {
        let path = try makeTemporaryDirectory(for: self) + "/results.sqlite"
        let store = try SQLiteResultsStore(path: path)
        try store.writeTransaction("simulate a newer runner") { db in
            try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v3-from-the-future')")
        }
        XCTAssertThrowsError(try SQLiteResultsStore(path: path)) { error in
            XCTAssertEqual(
                String(describing: error),
                "\(path): schema is newer than this runner knows (unknown migrations: v3-from-the-future); use a newer runner")
        }
        XCTAssertThrowsError(try SQLiteResultsStore(path: path, readOnly: true)) { error in
            XCTAssertEqual(
                error as? ResultsError,
                ResultsError(
                    path: path,
                    message: "schema is newer than this runner knows (unknown migrations: v3-from-the-future); use a newer runner",
                    kind: .input))
        }
    }

    func testDirectoryPathIsRefused() throws {
        let directory = try makeTemporaryDirectory(for: self)
        XCTAssertThrowsError(try SQLiteResultsStore(path: directory)) { error in
            XCTAssertEqual(String(describing: error), "\(directory): is a directory, not an SQLite database file")
        }
    }

    func testNonSQLiteFileIsRefused() throws {
        let path = try makeTemporaryDirectory(for: self) + "/notes.sqlite"
        try Data(String(repeating: "not a database\n", count: 100).utf8).write(to: URL(fileURLWithPath: path))
        XCTAssertThrowsError(try SQLiteResultsStore(path: path)) { error in
            XCTAssertEqual(
                String(describing: error),
                "\(path): is not an SQLite database file (SQLite: file is not a database)")
        }
    }

    func testForeignSQLiteDatabaseIsRefused() throws {
        let path = try makeTemporaryDirectory(for: self) + "/other.sqlite"
        let store = try SQLiteResultsStore(path: path)
        try store.writeTransaction("make it foreign") { db in
            try db.execute(sql: "DROP TABLE grdb_migrations")
        }
        XCTAssertThrowsError(try SQLiteResultsStore(path: path)) { error in
            XCTAssertEqual(
                String(describing: error),
                "\(path): is an SQLite database but not a results database (it has tables but no schema version)")
        }
    }

    func testMissingFileOpenedReadOnlyIsRefused() throws {
        let path = try makeTemporaryDirectory(for: self) + "/missing.sqlite"
        XCTAssertThrowsError(try SQLiteResultsStore(path: path, readOnly: true)) { error in
            XCTAssertEqual(String(describing: error), "\(path): does not exist")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: path))
    }
}

/// Error descriptions collected from concurrent work.
final class Failures: @unchecked Sendable {
    private let lock = NSLock()
    private var descriptions: [String] = []

    func append(_ description: String) {
        lock.lock()
        descriptions.append(description)
        lock.unlock()
    }

    var all: [String] {
        lock.lock()
        defer { lock.unlock() }
        return descriptions
    }
}
