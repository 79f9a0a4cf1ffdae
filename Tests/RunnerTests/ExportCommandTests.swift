import Foundation
import XCTest

/// `runner export`: the reference files are a function of the results
/// alone, an unfinished experiment is refused unless `--allow-partial`, and
/// an unknown name is answered with the names there are.
final class ExportCommandTests: XCTestCase {
    /// The same experiment trained into another fresh database, where its
    /// runs get other ids (another experiment came first) and train in
    /// another order (one thread), exports the same bytes; only the timings
    /// differ, and they have a file of their own.
    func testASecondSweepIntoAFreshDatabaseExportsTheSameBytes() throws {
        let directory = try makeTemporaryDirectory()
        let first = SmokeSweep(in: directory.appendingPathComponent("first"))
        let second = SmokeSweep(in: directory.appendingPathComponent("second"))
        try first.runToCompletion(["--jobs", "2", "--quiet"])
        let earlier = directory.appendingPathComponent("earlier.yaml").path
        try """
            name: earlier
            train_limit: 100
            test_limit: 100
            layers: [784, 10, 10]
            eta: 1.0
            epochs: 1
            batch: 10

            """.write(toFile: earlier, atomically: false, encoding: .utf8)
        let other = try RunnerProcess.run(["sweep", earlier, "--db", second.db, "--out", second.out, "--quiet"])
        XCTAssertEqual(other.status, 0, other.transcript)
        try second.runToCompletion(["--jobs", "1", "--quiet"])

        let ids = "SELECT run_id FROM run_summary WHERE experiment = 'smoke' ORDER BY position"
        XCTAssertNotEqual(try first.query(ids), try second.query(ids))
        for name in SmokeSweep.exportNames where !name.hasSuffix("-timings.csv") {
            let bytes = try Data(contentsOf: URL(fileURLWithPath: first.exportedFile(name)))
            XCTAssertEqual(bytes, try Data(contentsOf: URL(fileURLWithPath: second.exportedFile(name))), name)
        }
        let timings = try CSVTable(parsing: String(contentsOfFile: first.exportedFile("smoke-timings.csv"), encoding: .utf8))
        XCTAssertEqual(timings.header, ["config_hash", "epoch", "seconds", "wall_seconds", "kernels"])
        XCTAssertEqual(timings.rows.count, 8)
    }

    func testAnUnfinishedExperimentIsRefusedUnlessPartialIsAllowed() throws {
        let sweep = SmokeSweep(in: try makeTemporaryDirectory())
        try sweep.runToCompletion(["--quiet"])
        try SQLiteShell.execute(sweep.db, """
            UPDATE runs SET status = 'pending' WHERE id = 2;
            UPDATE runs SET status = 'failed', error = 'failed for the test' WHERE id = 3;
            """)
        let out = sweep.directory.appendingPathComponent("partial").path

        let refused = try RunnerProcess.run(["export", "--db", sweep.db, "--experiment", "smoke", "--out", out])

        XCTAssertEqual(refused.status, 1, refused.transcript)
        XCTAssertEqual(refused.stdout, "")
        XCTAssertEqual(refused.stderrLines, [
            "runner: error: smoke: 2 of 4 runs are not done (1 pending, 1 failed); nothing exported "
                + "(--allow-partial exports it as it is)",
        ])
        XCTAssertFalse(FileManager.default.fileExists(atPath: out))

        let partial = try RunnerProcess.run(["export", "--db", sweep.db, "--experiment", "smoke", "--out", out, "--allow-partial"])

        XCTAssertEqual(partial.status, 0, partial.transcript)
        XCTAssertEqual(partial.stderrLines, ["runner: warning: smoke: 2 of 4 runs are not done (1 pending, 1 failed); exported as it is"])
        XCTAssertEqual(partial.stdoutLines, SmokeSweep.exportNames.map { (out as NSString).appendingPathComponent($0) })
        let runs = try CSVTable(parsing: String(contentsOfFile: (out as NSString).appendingPathComponent("smoke-runs.csv"), encoding: .utf8))
        XCTAssertEqual(runs.records.map { $0["status"] }, ["done", "pending", "failed", "done"])
    }

    /// Without `--experiment`, every experiment is checked before anything
    /// is written, and each unfinished one is named.
    func testExportingEveryExperimentNamesEachUnfinishedOne() throws {
        let sweep = SmokeSweep(in: try makeTemporaryDirectory())
        try sweep.runToCompletion(["--quiet"])
        try SQLiteShell.execute(sweep.db, """
            INSERT INTO experiments (name, created_at) VALUES ('also', '2999-01-01T00:00:00.000Z');
            INSERT INTO experiment_runs (experiment_id, run_id, position)
                SELECT e.id, 1, 0 FROM experiments e WHERE e.name = 'also';
            UPDATE runs SET status = 'diverged', error = 'diverged for the test' WHERE id = 1;
            """)
        let out = sweep.directory.appendingPathComponent("all").path

        let output = try RunnerProcess.run(["export", "--db", sweep.db, "--out", out])

        XCTAssertEqual(output.status, 1, output.transcript)
        XCTAssertEqual(output.stderrLines, [
            "runner: error: 2 experiments are not finished; nothing exported (--allow-partial exports them as they are):",
            "  smoke: 1 of 4 runs are not done (1 diverged)",
            "  also: 1 of 1 runs are not done (1 diverged)",
        ])
        XCTAssertFalse(FileManager.default.fileExists(atPath: out))
    }

    func testAnUnknownExperimentIsAnsweredWithTheKnownNames() throws {
        let sweep = SmokeSweep(in: try makeTemporaryDirectory())
        try sweep.runToCompletion(["--quiet"])

        let output = try RunnerProcess.run(["export", "--db", sweep.db, "--experiment", "nope", "--out", sweep.out])

        XCTAssertEqual(output.status, 2, output.transcript)
        XCTAssertEqual(output.stderrLines, ["runner: error: \(sweep.db): no experiment named 'nope'; the database has smoke"])
    }
}
