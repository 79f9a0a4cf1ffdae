import Foundation
import XCTest

/// `query`, `list` and `export` on a database written by a real sweep.
final class QueryCommandTests: XCTestCase {
    private func completedSweep() throws -> SmokeSweep {
        let sweep = SmokeSweep(in: try makeTemporaryDirectory())
        try sweep.runToCompletion()
        return sweep
    }

    func testQueryRefusesWritesAndLeavesTheDatabaseUntouched() throws {
        let sweep = try completedSweep()
        let before = try sweep.databaseBytes()
        XCTAssertEqual(Array(before.keys), [sweep.db])

        let output = try RunnerProcess.run(["query", "--db", sweep.db, "DELETE FROM runs"])

        XCTAssertEqual(output.status, 2, output.transcript)
        XCTAssertEqual(output.stdout, "")
        assertOneLineError(output, containing: "DELETE FROM runs")
        XCTAssertEqual(try sweep.databaseBytes(), before)
        XCTAssertEqual(try SQLiteShell.query(sweep.db, "SELECT count(*) FROM runs").rows, [["4"]])
    }

    func testQueryCSVQuotesFieldsAsRFC4180() throws {
        let sweep = try completedSweep()

        let literals = try RunnerProcess.run([
            "query", "--db", sweep.db, "--csv",
            #"SELECT 'a,b' AS comma, 'say "hi"' AS quote, 'two' || char(10) || 'lines' AS newline, 7 AS n, 0.1 AS r, NULL AS missing"#,
        ])
        XCTAssertEqual(literals.status, 0, literals.transcript)
        XCTAssertEqual(literals.stdout, """
            comma,quote,newline,n,r,missing
            "a,b","say ""hi""\",\"two
            lines",7,0.1,

            """)

        // JSON holds commas and quotes: the runner's CSV and the sqlite3
        // shell's must read back to the same text.
        let sql = "SELECT config_hash, params_json FROM runs ORDER BY id"
        let runner = try sweep.query(sql)
        XCTAssertEqual(runner.header, ["config_hash", "params_json"])
        XCTAssertEqual(runner.rows.count, 4)
        XCTAssertTrue(runner.rows.allSatisfy { $0[1].contains(#"",""#) }, "\(runner.rows)")
        XCTAssertEqual(runner, try SQLiteShell.query(sweep.db, sql))
    }

    /// `--experiment NAME` checks the name and is the value of `:experiment`;
    /// a parameter without a value is refused rather than compared as NULL.
    func testQueryExperimentChecksTheNameAndBindsIt() throws {
        let sweep = try completedSweep()
        let sql = "SELECT experiment, count(*) AS runs FROM run_summary WHERE experiment = :experiment GROUP BY experiment"

        let bound = try RunnerProcess.run(["query", "--db", sweep.db, "--experiment", "smoke", "--csv", sql])
        XCTAssertEqual(bound.status, 0, bound.transcript)
        XCTAssertEqual(bound.stdout, "experiment,runs\nsmoke,4\n")

        let checkedOnly = try RunnerProcess.run(["query", "--db", sweep.db, "--experiment", "smoke", "--csv", "SELECT 1 AS one"])
        XCTAssertEqual(checkedOnly.status, 0, checkedOnly.transcript)
        XCTAssertEqual(checkedOnly.stdout, "one\n1\n")

        let unknown = try RunnerProcess.run(["query", "--db", sweep.db, "--experiment", "smokey", sql])
        XCTAssertEqual(unknown.status, 2, unknown.transcript)
        XCTAssertEqual(unknown.stdout, "")
        XCTAssertEqual(unknown.stderrLines, ["runner: error: \(sweep.db): no experiment named 'smokey'; the database has smoke"])

        let unbound = try RunnerProcess.run(["query", "--db", sweep.db, sql])
        XCTAssertEqual(unbound.status, 2, unbound.transcript)
        XCTAssertEqual(unbound.stderrLines, ["runner: error: \(sweep.db): no value for a parameter of `\(sql)` (none is given)"])

        let other = try RunnerProcess.run(["query", "--db", sweep.db, "--experiment", "smoke", "SELECT :name AS name"])
        XCTAssertEqual(other.status, 2, other.transcript)
        XCTAssertEqual(other.stderrLines, ["runner: error: \(sweep.db): no value for a parameter of `SELECT :name AS name` (given: :experiment)"])
    }

    func testListShowsTheExperimentWithItsDoneRuns() throws {
        let sweep = try completedSweep()

        let output = try RunnerProcess.run(["list", "--db", sweep.db])

        XCTAssertEqual(output.status, 0, output.transcript)
        let header = try XCTUnwrap(output.stdoutLines.first).split(separator: " ")
        let row = try XCTUnwrap(output.stdoutLines.first { $0.hasPrefix("smoke ") }, output.stdout).split(separator: " ")
        let counts = Dictionary(zip(header, row)) { first, _ in first }
        XCTAssertEqual(counts["done"], "4")
        XCTAssertEqual(counts["pending"], "0")
        XCTAssertEqual(counts["failed"], "0")
        XCTAssertEqual(counts["total"], "4")
        // The best configuration by mean best validation accuracy, and its test accuracy there.
        let best = try SQLiteShell.query(sweep.db, """
            SELECT printf('%.4f', mean_best_validation_accuracy), printf('%.4f', mean_test_accuracy_at_best_validation)
            FROM config_summary WHERE experiment = 'smoke' ORDER BY mean_best_validation_accuracy DESC LIMIT 1
            """).rows
        XCTAssertEqual([counts["validation"], counts["test"]].map { String($0 ?? "missing") }, best.first)
        XCTAssertEqual(output.stdoutLines.last, "validation, test: the best configuration by mean best validation accuracy; "
            + "its mean test accuracy at each seed's best validation epoch")
    }

    /// An experiment without a validation set shows its best test accuracy,
    /// marked as chosen on the test set.
    func testListMarksATestChosenAccuracy() throws {
        let sweep = try completedSweep()
        try SQLiteShell.execute(sweep.db, """
            UPDATE runs SET validation_size = 0, best_validation_accuracy = NULL, best_validation_epoch = NULL,
                            test_accuracy_at_best_validation = NULL, best_accuracy = 0.5 + 0.125 * seed
            """)

        let output = try RunnerProcess.run(["list", "--db", sweep.db])

        XCTAssertEqual(output.status, 0, output.transcript)
        let header = try XCTUnwrap(output.stdoutLines.first).split(separator: " ")
        let row = try XCTUnwrap(output.stdoutLines.first { $0.hasPrefix("smoke ") }, output.stdout).split(separator: " ")
        let cells = Dictionary(zip(header, row)) { first, _ in first }
        XCTAssertEqual(cells["validation"], "-")
        XCTAssertEqual(cells["test"], "0.6875*")
        XCTAssertEqual(output.stdoutLines.last, "* no validation set: the best test accuracy, chosen on the test set (optimistic)")
    }

    /// `export` writes what the sweep exported from the same database, byte
    /// for byte.
    func testExportWritesTheFourFiles() throws {
        let sweep = try completedSweep()
        let out = sweep.directory.appendingPathComponent("export").path

        let output = try RunnerProcess.run(["export", "--db", sweep.db, "--experiment", "smoke", "--out", out])

        XCTAssertEqual(output.status, 0, output.transcript)
        let expectedPaths = SmokeSweep.exportNames.map { (out as NSString).appendingPathComponent($0) }
        XCTAssertEqual(output.stdoutLines, expectedPaths)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: out).sorted(), SmokeSweep.exportNames.sorted())
        for name in SmokeSweep.exportNames {
            let exported = try String(contentsOfFile: (out as NSString).appendingPathComponent(name), encoding: .utf8)
            XCTAssertNoThrow(try CSVTable(parsing: exported), name)
            XCTAssertEqual(exported, try String(contentsOfFile: sweep.exportedFile(name), encoding: .utf8), name)
        }
        let rowCounts = try SmokeSweep.exportNames.map { name in
            try CSVTable(parsing: String(contentsOfFile: (out as NSString).appendingPathComponent(name), encoding: .utf8)).rows.count
        }
        XCTAssertEqual(rowCounts, [4, 2, 8, 8])
    }
}
