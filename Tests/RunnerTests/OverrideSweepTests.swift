import Foundation
import XCTest

/// `runner sweep FILE --set KEY=VALUE`: the experiment the overrides make is
/// swept, registered under its own name with the overrides in its spec.
final class OverrideSweepTests: XCTestCase {
    private let overrides = ["--set", "epochs=1", "--set", "grid.eta=[3.0]", "--set", "seeds=[1]"]

    func testTheOverriddenExperimentIsSweptUnderItsOwnNameWithItsSpec() throws {
        let sweep = SmokeSweep(in: try makeTemporaryDirectory())
        try sweep.runToCompletion(overrides + ["--quiet"])

        XCTAssertEqual(try SQLiteShell.query(sweep.db, "SELECT name FROM experiments").rows, [["smoke+d6d808c2"]])
        XCTAssertEqual(try SQLiteShell.query(sweep.db, """
            SELECT experiment, eta, epochs, seed, status, (SELECT count(*) FROM epochs) FROM run_summary
            """).rows, [["smoke+d6d808c2", "3.0", "1", "1", "done", "1"]])
        let smoke = try String(contentsOfFile: SmokeSweep.experimentFile, encoding: .utf8)
        let spec = try SQLiteShell.query(sweep.db, "SELECT spec_yaml FROM experiments").rows[0][0]
        XCTAssertEqual(spec, smoke + """
            # Overrides given with runner sweep, applied over the file above:
            # --set epochs=1
            # --set grid.eta=[3.0]
            # --set seeds=[1]

            """)
        XCTAssertTrue(FileManager.default.fileExists(atPath: sweep.exportedFile("smoke+d6d808c2-runs.csv")))
    }

    func testTheDryRunShowsTheOverridesAndTheRunsTheyMake() throws {
        let sweep = SmokeSweep(in: try makeTemporaryDirectory())
        let output = try sweep.run(overrides + ["--dry-run"])

        XCTAssertEqual(output.status, 0, output.transcript)
        let lines = output.stdout.split(separator: "\n")
        XCTAssertEqual(lines.first, "smoke+d6d808c2: experiments/smoke.yaml with --set epochs=1 --set grid.eta=[3.0] --set seeds=[1]")
        XCTAssertEqual(lines.count, 5, output.stdout)
        XCTAssertTrue(lines[3].contains("a755979598a1"), output.stdout)
        XCTAssertFalse(FileManager.default.fileExists(atPath: sweep.db))
    }

    /// Problems of the file and of the overrides come together, the file's
    /// first, each override's naming it rather than a line.
    func testOverrideProblemsAreReportedLikeTheFilesAndNothingIsWritten() throws {
        let directory = try makeTemporaryDirectory()
        let db = try makeDatabaseWithOneFinishedRun(in: directory)
        let before = try DatabaseFingerprint(of: db)
        let file = "Tests/Corpus/experiments/batch-zero.yaml"

        let output = try RunnerProcess.run([
            "sweep", file, "--db", db, "--set", "epochs=0", "--set", "grid.eta=[1, -3]", "--set", "epoch=1",
        ])

        XCTAssertEqual(output.status, 2, output.transcript)
        XCTAssertEqual(output.stderr, """
            runner: error: \(file):7:8: batch: batch must be ≥ 1, got 0
            runner: error: --set epochs=0: epochs: epochs must be ≥ 1, got 0
            runner: error: --set grid.eta=[1, -3]: grid.eta[1]: η must be a finite number > 0, got -3
            runner: error: --set epoch=1: epoch: unknown key 'epoch'; did you mean 'epochs'?

            """)
        XCTAssertEqual(output.stdout, "")
        XCTAssertEqual(try DatabaseFingerprint(of: db), before)
    }
}
