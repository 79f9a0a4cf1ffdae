import Foundation
import XCTest

/// Runs that do not finish: recorded with their reason, never stopping the
/// rest of the sweep, named at its end with exit code 1, and trained again
/// by `--retry-failed`.
final class FailedRunTests: XCTestCase {
    /// A learning rate of 1e40 overflows the single-precision step
    /// (1e40 / 10 > Float.greatestFiniteMagnitude), so the cost is NaN in
    /// epoch 1. (1e39 does not diverge: its step still fits in a Float and
    /// the sigmoids merely saturate.)
    private let experiment = """
        name: diverging
        train_limit: 200
        test_limit: 100
        layers: [784, 30, 10]
        epochs: 2
        batch: 10
        grid:
          eta: [1.0e40, 3.0]

        """
    private let divergence = #/  diverged: eta=1e\+40 seed=1: training cost is -?nan in epoch 1/#

    func testDivergingRunIsRecordedAndTheSweepGoesOnThenExits1() throws {
        let sweep = try DivergingSweep(experiment, in: try makeTemporaryDirectory())

        let output = try sweep.run()

        XCTAssertEqual(output.status, 1, output.transcript)
        let lines = output.stderrLines
        XCTAssertEqual(lines.suffix(2).first, "runner: error: 1 run(s) did not finish (retry with --retry-failed):", output.transcript)
        XCTAssertNotNil(lines.last?.wholeMatch(of: divergence), output.transcript)
        XCTAssertEqual(FaultSweep.trainedRuns(output).count, 1, output.transcript)
        XCTAssertEqual(output.stdoutLines.last, "1 of 2 runs are not done; CSV exports are written when all are")
        let runs = try SQLiteShell.query(sweep.db, """
            SELECT eta, status, error IS NOT NULL AS has_error, best_accuracy IS NOT NULL AS has_best,
                   (SELECT count(*) FROM epochs e WHERE e.run_id = runs.id) AS epochs
            FROM runs ORDER BY eta
            """)
        XCTAssertEqual(runs.rows, [["3.0", "done", "0", "1", "2"], ["1.0e+40", "diverged", "1", "0", "0"]])
        let error = try SQLiteShell.query(sweep.db, "SELECT error FROM runs WHERE status = 'diverged'").rows
        XCTAssertNotNil(error.first?.first?.wholeMatch(of: #/training cost is -?nan in epoch 1/#), "\(error)")
        XCTAssertFalse(FileManager.default.fileExists(atPath: sweep.out))
    }

    /// Without `--retry-failed` a diverged run is left as it is; with it,
    /// it is claimed and trained again (and, training being deterministic,
    /// diverges again), while the done run is not touched.
    func testRetryFailedTrainsDivergedRunsAgain() throws {
        let sweep = try DivergingSweep(experiment, in: try makeTemporaryDirectory())
        XCTAssertEqual(try sweep.run().status, 1)
        let runsSQL = "SELECT id, status, error, started_at, finished_at, owner_pid FROM runs ORDER BY id"
        let before = try SQLiteShell.query(sweep.db, runsSQL)

        let plain = try sweep.run()

        // Still incomplete: exit 1, naming the run left diverged by the first sweep.
        XCTAssertEqual(plain.status, 1, plain.transcript)
        XCTAssertEqual(FaultSweep.trainedRuns(plain), [])
        XCTAssertEqual(plain.stdoutLines.last, "1 of 2 runs are not done; CSV exports are written when all are")
        XCTAssertEqual(plain.stderrLines.suffix(2).first, "runner: error: 1 run(s) did not finish (retry with --retry-failed):", plain.transcript)
        XCTAssertNotNil(plain.stderrLines.last?.wholeMatch(of: #/  diverged: eta=1e\+40 seed=1: training cost is -?nan in epoch 1 \(in an earlier sweep\)/#), plain.transcript)
        XCTAssertEqual(try SQLiteShell.query(sweep.db, runsSQL), before)

        let retried = try sweep.run(["--retry-failed"])

        XCTAssertEqual(retried.status, 1, retried.transcript)
        XCTAssertNotNil(retried.stderrLines.last?.wholeMatch(of: divergence), retried.transcript)
        let after = try SQLiteShell.query(sweep.db, runsSQL).records
        let diverged = try XCTUnwrap(after.first { $0["status"] == "diverged" })
        let divergedBefore = try XCTUnwrap(before.records.first { $0["status"] == "diverged" })
        XCTAssertNotEqual(diverged["owner_pid"], divergedBefore["owner_pid"], "not claimed again")
        XCTAssertEqual(diverged["error"], divergedBefore["error"])
        XCTAssertEqual(after.first { $0["status"] == "done" }, before.records.first { $0["status"] == "done" })
    }

    /// A run recorded `failed` (by the test: nothing in an experiment that
    /// validates makes training throw) is skipped by a plain sweep and
    /// trained again by `--retry-failed`, to the numbers it had when done.
    func testRetryFailedTrainsAFailedRunAgain() throws {
        let sweep = try DivergingSweep(experiment.replacingOccurrences(of: "1.0e40", with: "1.0"), in: try makeTemporaryDirectory())
        let first = try sweep.run()
        XCTAssertEqual(first.status, 0, first.transcript)
        let epochsSQL = """
            SELECT r.config_hash, e.epoch, quote(e.train_cost), quote(e.test_cost), quote(e.test_accuracy)
            FROM epochs e JOIN runs r ON r.id = e.run_id ORDER BY r.config_hash, e.epoch
            """
        let trained = try SQLiteShell.query(sweep.db, epochsSQL)
        let updated = try RunnerProcess.execute(try XCTUnwrap(SQLiteShell.executable), [
            sweep.db, "UPDATE runs SET status = 'failed', error = 'failed for the test' WHERE eta = 1.0",
        ])
        XCTAssertEqual(updated.status, 0, updated.transcript)

        let plain = try sweep.run()
        XCTAssertEqual(plain.status, 1, plain.transcript)
        XCTAssertEqual(plain.stderrLines.last, "  failed: eta=1.0 seed=1: failed for the test (in an earlier sweep)", plain.transcript)
        XCTAssertEqual(FaultSweep.trainedRuns(plain), [])
        XCTAssertEqual(try SQLiteShell.query(sweep.db, "SELECT status, error FROM runs WHERE eta = 1.0").rows, [["failed", "failed for the test"]])

        let retried = try sweep.run(["--retry-failed"])

        XCTAssertEqual(retried.status, 0, retried.transcript)
        XCTAssertEqual(FaultSweep.trainedRuns(retried).count, 1, retried.transcript)
        XCTAssertEqual(try SQLiteShell.query(sweep.db, "SELECT status, error IS NULL FROM runs ORDER BY eta").rows, [["done", "1"], ["done", "1"]])
        XCTAssertEqual(try SQLiteShell.query(sweep.db, epochsSQL), trained)
        XCTAssertTrue(FileManager.default.fileExists(atPath: (sweep.out as NSString).appendingPathComponent("diverging-runs.csv")))
    }
}

/// A small experiment written into a directory with its own database.
private struct DivergingSweep {
    let file: String
    let db: String
    let out: String

    init(_ yaml: String, in directory: URL) throws {
        file = directory.appendingPathComponent("diverging.yaml").path
        db = directory.appendingPathComponent("results.sqlite").path
        out = directory.appendingPathComponent("out").path
        try yaml.write(toFile: file, atomically: false, encoding: .utf8)
    }

    func run(_ flags: [String] = []) throws -> ProcessOutput {
        try RunnerProcess.run(["sweep", file, "--db", db, "--out", out, "--jobs", "2"] + flags)
    }
}
