import Foundation
import XCTest

final class SweepCommandTests: XCTestCase {
    func testSweepRecordsEveryRunAndEpoch() throws {
        let sweep = SmokeSweep(in: try makeTemporaryDirectory())
        try sweep.runToCompletion()

        let statuses = try SQLiteShell.query(sweep.db, "SELECT status, count(*) AS n FROM runs GROUP BY status")
        XCTAssertEqual(statuses.rows, [["done", "4"]])

        let epochs = try SQLiteShell.query(sweep.db, """
            SELECT r.config_hash, group_concat(e.epoch, ',') AS epochs
            FROM runs r LEFT JOIN (SELECT * FROM epochs ORDER BY epoch) e ON e.run_id = r.id
            GROUP BY r.id ORDER BY r.id
            """)
        XCTAssertEqual(epochs.rows.count, 4)
        XCTAssertEqual(epochs.rows.map { $0[1] }, Array(repeating: "1,2", count: 4))
        XCTAssertEqual(try SQLiteShell.query(sweep.db, "SELECT count(*) FROM epochs").rows, [["8"]])

        let summaries = try SQLiteShell.query(
            sweep.db, "SELECT count(*) FROM run_summary WHERE experiment = 'smoke' AND status = 'done'")
        XCTAssertEqual(summaries.rows, [["4"]])
        let configurations = try SQLiteShell.query(
            sweep.db, "SELECT eta, n_seeds FROM config_summary WHERE experiment = 'smoke' ORDER BY eta")
        XCTAssertEqual(configurations.rows, [["1.0", "2"], ["3.0", "2"]])
    }

    /// Smoke trains on the first 1,000 images and, with the default
    /// validation set, evaluates MNIST's training images 50,000–59,999
    /// after each epoch: every epoch has its η and validation numbers, and
    /// every run its best validation epoch with the test accuracy there.
    func testSweepRecordsTheValidationSetAndTheEpochItChooses() throws {
        let sweep = SmokeSweep(in: try makeTemporaryDirectory())
        try sweep.runToCompletion()

        XCTAssertEqual(try SQLiteShell.query(sweep.db, """
            SELECT cost, l2, momentum, patience IS NULL, eta_halving IS NULL, validation_size, stop_reason IS NULL,
                   count(*) AS n
            FROM runs GROUP BY 1, 2, 3, 4, 5, 6, 7
            """).rows, [["quadratic", "0.0", "0.0", "1", "1", "10000", "1", "4"]])
        XCTAssertEqual(try SQLiteShell.query(sweep.db, """
            SELECT count(*) FROM epochs e JOIN runs r ON r.id = e.run_id
            WHERE e.eta = r.eta AND e.validation_accuracy BETWEEN 0 AND 1 AND e.validation_cost > 0
            """).rows, [["8"]])
        // Each run's first epoch of highest validation accuracy, found here
        // independently, and the test accuracy in it.
        let chosen = try SQLiteShell.query(sweep.db, """
            SELECT r.config_hash,
                   quote(r.best_validation_accuracy) = quote(max(e.validation_accuracy)) AS best,
                   r.best_validation_epoch = (SELECT epoch FROM epochs WHERE run_id = r.id
                                              ORDER BY validation_accuracy DESC, epoch LIMIT 1) AS epoch,
                   quote(r.test_accuracy_at_best_validation) = (SELECT quote(test_accuracy) FROM epochs
                                              WHERE run_id = r.id AND epoch = r.best_validation_epoch) AS test
            FROM runs r JOIN epochs e ON e.run_id = r.id GROUP BY r.id
            """)
        XCTAssertEqual(chosen.rows.map { Array($0[1...]) }, Array(repeating: ["1", "1", "1"], count: 4))
    }

    /// The sweep closes its connections in the order that lets SQLite fold
    /// the write-ahead log back in, so the file can be copied on its own.
    func testFinishedSweepLeavesTheDatabaseAsOneFile() throws {
        let sweep = SmokeSweep(in: try makeTemporaryDirectory())
        for _ in 1...3 {
            try sweep.runToCompletion()
            XCTAssertEqual(try sweep.databaseCompanions(), [])
        }
    }

    /// The three CSV files parse as RFC 4180 and carry the database's
    /// accuracies exactly (compared as doubles read from `quote()`, which
    /// prints every digit).
    func testExportsCarryTheDatabaseValuesExactly() throws {
        let sweep = SmokeSweep(in: try makeTemporaryDirectory())
        try sweep.runToCompletion()

        let runs = try CSVTable(parsing: String(contentsOfFile: sweep.exportedFile("smoke-runs.csv"), encoding: .utf8))
        XCTAssertEqual(runs.rows.count, 4)
        let runNumbers = ["final_accuracy", "best_accuracy", "best_validation_accuracy", "test_accuracy_at_best_validation"]
        try assertValues(
            of: runs, equal: SQLiteShell.query(sweep.db, """
                SELECT config_hash, status, best_epoch, best_validation_epoch, validation_size, cost,
                       \(runNumbers.map { "quote(\($0)) AS \($0)" }.joined(separator: ", "))
                FROM run_summary WHERE experiment = 'smoke'
                """),
            key: ["config_hash"], text: ["status", "best_epoch", "best_validation_epoch", "validation_size", "cost"],
            numbers: runNumbers)

        let configs = try CSVTable(parsing: String(contentsOfFile: sweep.exportedFile("smoke-configs.csv"), encoding: .utf8))
        XCTAssertEqual(configs.rows.count, 2)
        let accuracyColumns = ["mean", "std", "min", "max"].flatMap { statistic in
            ["final_accuracy", "best_accuracy", "best_validation_accuracy", "test_accuracy_at_best_validation"]
                .map { "\(statistic)_\($0)" }
        }
        try assertValues(
            of: configs, equal: SQLiteShell.query(sweep.db, """
                SELECT eta, n_seeds, validation_size, \(accuracyColumns.map { "quote(\($0)) AS \($0)" }.joined(separator: ", "))
                FROM config_summary WHERE experiment = 'smoke'
                """),
            key: ["eta"], text: ["n_seeds", "validation_size"], numbers: accuracyColumns)

        let epochs = try CSVTable(parsing: String(contentsOfFile: sweep.exportedFile("smoke-epochs.csv"), encoding: .utf8))
        XCTAssertEqual(epochs.rows.count, 8)
        let epochNumbers = ["test_accuracy", "train_cost", "test_cost", "epoch_eta", "validation_cost", "validation_accuracy"]
        try assertValues(
            of: epochs, equal: SQLiteShell.query(sweep.db, """
                SELECT r.config_hash, e.epoch, quote(e.test_accuracy) AS test_accuracy,
                       quote(e.train_cost) AS train_cost, quote(e.test_cost) AS test_cost, quote(e.eta) AS epoch_eta,
                       quote(e.validation_cost) AS validation_cost, quote(e.validation_accuracy) AS validation_accuracy
                FROM epochs e JOIN runs r ON r.id = e.run_id
                """),
            key: ["config_hash", "epoch"], text: [], numbers: epochNumbers)
    }

    /// Running the same sweep again finds every run done and changes nothing.
    func testSecondSweepTrainsNothing() throws {
        let sweep = SmokeSweep(in: try makeTemporaryDirectory())
        try sweep.runToCompletion()
        let epochsBefore = try sweep.query("SELECT * FROM epochs ORDER BY run_id, epoch")
        let runsBefore = try sweep.query("SELECT * FROM runs ORDER BY id")
        XCTAssertEqual(epochsBefore.rows.count, 8)

        try sweep.runToCompletion()

        XCTAssertEqual(try sweep.query("SELECT * FROM epochs ORDER BY run_id, epoch"), epochsBefore)
        let runsAfter = try sweep.query("SELECT * FROM runs ORDER BY id")
        XCTAssertEqual(runsAfter.records.map { $0["started_at"] }, runsBefore.records.map { $0["started_at"] })
        XCTAssertEqual(runsAfter, runsBefore)

        let dryRun = try sweep.run(["--dry-run"])
        XCTAssertEqual(dryRun.status, 0, dryRun.transcript)
        XCTAssertEqual(dryRun.stdoutLines.last, "smoke: 4 runs, 4 already have results, 0 to train")
    }

    /// The table that closes a sweep, for numbers set by hand: ranked by
    /// mean best validation accuracy (η = 3's one seed, though η = 1's best
    /// test accuracy is the higher), reporting the test accuracy at the best
    /// validation epoch, four decimals with a half-way mean rounded up
    /// (0.9123 and 0.9124 give 0.9124), and a configuration with one seed
    /// done showing no deviation (`-`, NULL in the views), not 0.0000.
    func testClosingReportRanksConfigurationsByValidationAccuracy() throws {
        let sweep = SmokeSweep(in: try makeTemporaryDirectory())
        try sweep.runToCompletion(["--quiet"])
        try SQLiteShell.execute(sweep.db, """
            UPDATE runs SET best_validation_accuracy = 0.9123, test_accuracy_at_best_validation = 0.9,
                            best_accuracy = 0.99, final_accuracy = 0.9 WHERE eta = 1.0 AND seed = 1;
            UPDATE runs SET best_validation_accuracy = 0.9124, test_accuracy_at_best_validation = 0.8,
                            best_accuracy = 0.99, final_accuracy = 0.8 WHERE eta = 1.0 AND seed = 2;
            UPDATE runs SET best_validation_accuracy = 0.95, test_accuracy_at_best_validation = 0.94,
                            best_accuracy = 0.95, final_accuracy = 0.95 WHERE eta = 3.0 AND seed = 1;
            UPDATE runs SET status = 'failed', error = 'failed on purpose' WHERE eta = 3.0 AND seed = 2;
            """)

        let output = try sweep.run()

        XCTAssertEqual(output.status, 1, output.transcript)
        XCTAssertEqual(output.stdoutLines, [
            "best configurations of smoke, ranked by validation accuracy; test accuracy at the best validation epoch (mean ± sd over seeds):",
            "layers     eta  epochs  batch  init    seeds  validation       test              final",
            "---------  ---  ------  -----  ------  -----  ---------------  ---------------  ------",
            "784-30-10  3.0       2     10  normal      1  0.9500 ± -       0.9400 ± -       0.9500",
            "784-30-10  1.0       2     10  normal      2  0.9124 ± 0.0001  0.8500 ± 0.0707  0.8500",
            "1 of 4 runs are not done; CSV exports are written when all are",
        ], output.transcript)
    }

    /// A configuration without a validation set shows its best test
    /// accuracy, marked as chosen on the test set, and comes after those
    /// chosen on their validation sets; its validation size shows as the
    /// option that differs.
    func testClosingReportMarksAConfigurationChosenOnTheTestSet() throws {
        let sweep = SmokeSweep(in: try makeTemporaryDirectory())
        try sweep.runToCompletion(["--quiet"])
        try SQLiteShell.execute(sweep.db, """
            UPDATE runs SET best_validation_accuracy = 0.9123, test_accuracy_at_best_validation = 0.9,
                            final_accuracy = 0.9 WHERE eta = 1.0 AND seed = 1;
            UPDATE runs SET best_validation_accuracy = 0.9124, test_accuracy_at_best_validation = 0.8,
                            final_accuracy = 0.8 WHERE eta = 1.0 AND seed = 2;
            UPDATE runs SET validation_size = 0, best_validation_accuracy = NULL, best_validation_epoch = NULL,
                            test_accuracy_at_best_validation = NULL, best_accuracy = 0.99, final_accuracy = 0.95
                        WHERE eta = 3.0;
            """)

        let output = try sweep.run()

        XCTAssertEqual(output.status, 0, output.transcript)
        XCTAssertEqual(Array(output.stdoutLines.prefix(6)), [
            "best configurations of smoke, ranked by validation accuracy; test accuracy at the best validation epoch (mean ± sd over seeds):",
            "layers     eta  epochs  batch  init    validation_size  seeds  validation       test               final",
            "---------  ---  ------  -----  ------  ---------------  -----  ---------------  ----------------  ------",
            "784-30-10  1.0       2     10  normal            10000      2  0.9124 ± 0.0001  0.8500 ± 0.0707   0.8500",
            "784-30-10  3.0       2     10  normal                0      2  -                0.9900 ± 0.0000*  0.9500",
            "* no validation set: the best test accuracy, chosen on the test set (optimistic), ranked last",
        ], output.transcript)
    }

    /// A run's numbers depend on its configuration only, never on how many
    /// threads share the sweep.
    func testJobsDoNotChangeResults() throws {
        let directory = try makeTemporaryDirectory()
        let serial = SmokeSweep(in: directory.appendingPathComponent("serial"))
        let parallel = SmokeSweep(in: directory.appendingPathComponent("parallel"))
        try serial.runToCompletion(["--jobs", "1"])
        try parallel.runToCompletion(["--jobs", "2"])

        let epochs = """
            SELECT r.config_hash, e.epoch, e.train_cost, e.test_cost, e.test_accuracy
            FROM epochs e JOIN runs r ON r.id = e.run_id ORDER BY r.config_hash, e.epoch
            """
        let serialEpochs = try serial.query(epochs)
        XCTAssertEqual(serialEpochs.rows.count, 8)
        XCTAssertEqual(try parallel.query(epochs), serialEpochs)

        let runs = "SELECT config_hash, final_accuracy, best_accuracy, best_epoch FROM runs ORDER BY config_hash"
        let serialRuns = try serial.query(runs)
        XCTAssertEqual(serialRuns.rows.count, 4)
        XCTAssertEqual(try parallel.query(runs), serialRuns)
    }

    func testBadExperimentFileIsReportedAtItsLineAndColumnBeforeAnyDatabase() throws {
        let directory = try makeTemporaryDirectory()
        let file = directory.appendingPathComponent("bad.yaml").path
        try """
            name: bad
            dataset: mnist
            train_limit: 1000
            test_limit: 500
            layers: [784, 30, 10]
            epochs: 2
            batch: 10
            seeds: [1]
            grid:
              eta: [1.0, -1]

            """.write(toFile: file, atomically: false, encoding: .utf8)
        let db = directory.appendingPathComponent("results.sqlite").path

        let output = try RunnerProcess.run(["sweep", file, "--db", db, "--out", directory.appendingPathComponent("out").path])

        XCTAssertEqual(output.status, 2, output.transcript)
        // `-1` is the second item of the flow sequence on line 10.
        assertOneLineError(output, containing: "\(file):10:14: ")
        XCTAssertTrue(output.stderr.contains("eta"), output.stderr)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory.path), ["bad.yaml"])
    }

    func testDryRunListsRunsAndCreatesNoDatabase() throws {
        let directory = try makeTemporaryDirectory()
        let sweep = SmokeSweep(in: directory)

        let output = try sweep.run(["--dry-run"])

        XCTAssertEqual(output.status, 0, output.transcript)
        let lines = output.stdoutLines
        XCTAssertEqual(lines.count, 7, output.stdout)  // header, rule, 4 runs, summary
        let columns = try XCTUnwrap(lines.first).split(separator: " ")
        let statusColumn = try XCTUnwrap(columns.firstIndex(of: "status"))
        for (index, row) in lines.dropFirst(2).prefix(4).enumerated() {
            let cells = row.split(separator: " ")
            XCTAssertEqual(cells.count, columns.count, row)
            XCTAssertEqual(cells.first, "\(index + 1)"[...], row)
            XCTAssertEqual(cells.count > statusColumn ? cells[statusColumn] : nil, "new", row)
        }
        XCTAssertEqual(lines.last, "smoke: 4 runs, 0 already have results, 4 to train")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory.path), [])
    }

    /// Matches `table`'s rows to `expected`'s by `key` and compares `text`
    /// columns as strings, `numbers` as doubles.
    private func assertValues(
        of table: CSVTable, equal expected: CSVTable, key: [String], text: [String], numbers: [String],
        line: UInt = #line
    ) throws {
        func index(_ table: CSVTable) -> [String: [String: String]] {
            Dictionary(table.records.map { record in (key.map { record[$0] ?? "?" }.joined(separator: "|"), record) }) { first, _ in first }
        }
        let actual = index(table)
        let wanted = index(expected)
        XCTAssertEqual(Set(actual.keys), Set(wanted.keys), line: line)
        XCTAssertEqual(actual.count, table.rows.count, "duplicate keys", line: line)
        for (rowKey, record) in wanted {
            let row = try XCTUnwrap(actual[rowKey], "no exported row for \(rowKey)", line: line)
            for column in text {
                XCTAssertEqual(row[column], record[column], "\(rowKey) \(column)", line: line)
            }
            for column in numbers {
                let exported = try XCTUnwrap(row[column].flatMap(Double.init), "\(rowKey) \(column): \(row[column] ?? "missing")", line: line)
                let stored = try XCTUnwrap(record[column].flatMap(Double.init), "\(rowKey) \(column) in the database: \(record[column] ?? "missing")", line: line)
                XCTAssertEqual(exported, stored, "\(rowKey) \(column)", line: line)
            }
        }
    }
}
