import Foundation
import XCTest

/// A grid over `train_limit` (which also changes the validation set it
/// leaves): every output names the runs' sizes, so no two rows look alike.
final class VaryingSettingsTests: XCTestCase {
    private static let yaml = """
        name: sizes
        description: Two training-set sizes, the larger leaving a smaller validation set
        test_limit: 100
        layers: [784, 30, 10]
        eta: 3.0
        epochs: 1
        batch: 10
        grid:
          train_limit: [1000, 55000]

        """

    func testProgressSummaryAndExportsNameTheSettingsThatVary() throws {
        let directory = try makeTemporaryDirectory()
        let file = directory.appendingPathComponent("sizes.yaml").path
        try Self.yaml.write(toFile: file, atomically: false, encoding: .utf8)
        let db = directory.appendingPathComponent("results.sqlite").path
        let out = directory.appendingPathComponent("out").path
        let sweep = ["sweep", file, "--db", db, "--out", out, "--jobs", "1"]

        let first = try RunnerProcess.run(sweep)

        XCTAssertEqual(first.status, 0, first.transcript)
        XCTAssertEqual(first.stderrLines.first, "sizes: 2 runs, 0 already finished, training 2 on 1 thread into \(db)")
        let finished = first.stderrLines.filter { $0.hasPrefix("[") }
        XCTAssertEqual(finished.count, 2, first.transcript)
        XCTAssertTrue(finished[0].hasPrefix("[1/2] train=1000 validation=10000 seed=1  done  best validation "), first.transcript)
        XCTAssertTrue(finished[1].hasPrefix("[2/2] train=55000 validation=5000 seed=1  done  best validation "), first.transcript)

        let epochs = try CSVTable(parsing: String(contentsOfFile: out + "/sizes-epochs.csv", encoding: .utf8))
        XCTAssertEqual(epochs.records.map { [$0["dataset"], $0["train_size"], $0["validation_size"], $0["test_size"]] }, [
            ["mnist", "1000", "10000", "100"], ["mnist", "55000", "5000", "100"],
        ])
        let runs = try CSVTable(parsing: String(contentsOfFile: out + "/sizes-runs.csv", encoding: .utf8))
        XCTAssertEqual(runs.records.map { [$0["train_size"], $0["validation_size"]] }, [["1000", "10000"], ["55000", "5000"]])
        let configs = try CSVTable(parsing: String(contentsOfFile: out + "/sizes-configs.csv", encoding: .utf8))
        XCTAssertEqual(configs.records.map { [$0["train_size"], $0["validation_size"]] }, [["1000", "10000"], ["55000", "5000"]])

        // Numbers set by hand, so the closing table is exact; one seed has no deviation.
        try SQLiteShell.execute(db, """
            UPDATE runs SET best_validation_accuracy = 0.8, test_accuracy_at_best_validation = 0.75, final_accuracy = 0.7
            WHERE train_size = 1000;
            UPDATE runs SET best_validation_accuracy = 0.9, test_accuracy_at_best_validation = 0.85, final_accuracy = 0.8
            WHERE train_size = 55000;
            """)
        let again = try RunnerProcess.run(sweep)

        XCTAssertEqual(again.status, 0, again.transcript)
        XCTAssertEqual(again.stderrLines, ["sizes: 2 runs, 2 already finished, training 0 on 1 thread into \(db)"])
        XCTAssertEqual(Array(again.stdoutLines.dropLast()), [
            "best configurations of sizes, ranked by validation accuracy; test accuracy at the best validation epoch (mean ± sd over seeds):",
            "layers     eta  epochs  batch  init    train_size  validation_size  seeds  validation  test         final",
            "---------  ---  ------  -----  ------  ----------  ---------------  -----  ----------  ----------  ------",
            "784-30-10  3.0       1     10  normal       55000             5000      1  0.9000 ± -  0.8500 ± -  0.8000",
            "784-30-10  3.0       1     10  normal        1000            10000      1  0.8000 ± -  0.7500 ± -  0.7000",
        ], again.transcript)
    }
}
