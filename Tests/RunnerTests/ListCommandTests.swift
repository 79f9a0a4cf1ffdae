import Foundation
import XCTest

/// `runner list NAME` (one experiment's runs) and runs marked running whose
/// process is gone, which `list` shows as stale.
final class ListCommandTests: XCTestCase {
    /// Ids, hash prefixes, what varies (η), status, and the accuracies set
    /// here by hand; a run without a validation set shows its best test
    /// accuracy, marked.
    func testListNameShowsAnExperimentsRuns() throws {
        let sweep = SmokeSweep(in: try makeTemporaryDirectory())
        try sweep.runToCompletion(["--quiet"])
        try SQLiteShell.execute(sweep.db, """
            UPDATE runs SET best_validation_accuracy = 0.9, test_accuracy_at_best_validation = 0.85 WHERE id = 1;
            UPDATE runs SET best_validation_accuracy = 0.91, test_accuracy_at_best_validation = 0.86 WHERE id = 2;
            UPDATE runs SET validation_size = 0, best_validation_accuracy = NULL, test_accuracy_at_best_validation = NULL,
                            best_accuracy = 0.95 WHERE id = 3;
            UPDATE runs SET status = 'failed', best_validation_accuracy = NULL, test_accuracy_at_best_validation = NULL,
                            best_accuracy = NULL WHERE id = 4;
            """)
        let hashes = try SQLiteShell.query(sweep.db, "SELECT substr(config_hash, 1, 12) FROM runs ORDER BY id").rows.map { $0[0] }

        let output = try RunnerProcess.run(["list", "smoke", "--db", sweep.db])

        XCTAssertEqual(output.status, 0, output.transcript)
        XCTAssertEqual(output.stdoutLines, [
            "id  config_hash   eta  validation  seed  status  best_validation  test",
            "--  ------------  ---  ----------  ----  ------  ---------------  -------",
            " 1  \(hashes[0])  1.0       10000     1  done    0.9000           0.8500",
            " 2  \(hashes[1])  1.0       10000     2  done    0.9100           0.8600",
            " 3  \(hashes[2])  3.0           0     1  done    -                0.9500*",
            " 4  \(hashes[3])  3.0       10000     2  failed  -                -",
            "best_validation, test: the run's best validation accuracy and its test accuracy in that epoch",
            "* no validation set: the best test accuracy, chosen on the test set (optimistic)",
        ], output.transcript)

        let unknown = try RunnerProcess.run(["list", "smokey", "--db", sweep.db])
        XCTAssertEqual(unknown.status, 2, unknown.transcript)
        XCTAssertEqual(unknown.stderrLines, ["runner: error: \(sweep.db): no experiment named 'smokey'; the database has smoke"])
    }

    /// Killed with -9, a sweep leaves its run marked running; on this host
    /// its pid has no process, so list shows it stale at once.
    func testARunKilledWithNineIsStale() throws {
        let sweep = try FaultSweep(in: try makeTemporaryDirectory())
        let child = try sweep.start(["--jobs", "1"], in: self)
        let session = try sweep.session(watching: child)
        try sweep.freeze(child, session, when: "the first run part-way") { runs in
            runs.contains { $0.status == "running" && $0.epochs > 0 } && runs.allSatisfy { $0.status != "done" }
        }
        child.signal(SIGKILL)
        _ = try child.waitForExit()
        try session.unlockWrites()
        session.close()

        let list = try RunnerProcess.run(["list", "--db", sweep.db])

        XCTAssertEqual(list.status, 0, list.transcript)
        XCTAssertEqual(list.stdoutLines, [
            "experiment  pending  running  stale  done  failed  diverged  pruned  total  validation  test  description",
            "----------  -------  -------  -----  ----  ------  --------  ------  -----  ----------  ----  ------------------------------------------",
            "fault             3        0      1     0       0         0       0      4  -           -     Runs long enough to be interrupted mid-way",
        ], list.transcript)
        let runs = try RunnerProcess.run(["list", "fault", "--db", sweep.db])
        XCTAssertEqual(runs.stdoutLines.dropFirst(2).dropLast().map { $0.split(separator: " ")[4] }, ["stale", "pending", "pending", "pending"],
                       runs.transcript)
    }

    /// Elsewhere a pid tells nothing: a run is stale once its heartbeat
    /// (one per epoch) is 30 minutes old. On this host a live owner with a
    /// recent heartbeat keeps its run running.
    func testARunIsStaleWhenItsHeartbeatIsHalfAnHourOld() throws {
        let sweep = SmokeSweep(in: try makeTemporaryDirectory())
        try sweep.runToCompletion(["--quiet"])
        try SQLiteShell.execute(sweep.db, """
            UPDATE runs SET status = 'running', host = 'elsewhere', owner_pid = 1,
                            heartbeat_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-31 minutes') WHERE id = 1;
            UPDATE runs SET status = 'running', host = 'elsewhere', owner_pid = 1,
                            heartbeat_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-29 minutes') WHERE id = 2;
            UPDATE runs SET status = 'running', host = '\(ProcessInfo.processInfo.hostName)',
                            owner_pid = \(ProcessInfo.processInfo.processIdentifier),
                            heartbeat_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-1 minutes') WHERE id = 3;
            UPDATE runs SET best_validation_accuracy = 0.9, test_accuracy_at_best_validation = 0.85 WHERE id = 4;
            """)

        let list = try RunnerProcess.run(["list", "--db", sweep.db])

        XCTAssertEqual(list.status, 0, list.transcript)
        XCTAssertEqual(Array(list.stdoutLines.prefix(3)), [
            "experiment  pending  running  stale  done  failed  diverged  pruned  total  validation    test  description",
            "----------  -------  -------  -----  ----  ------  --------  ------  -----  ----------  ------  ---------------------------------------------------------",
            "smoke             0        2      1     1       0         0       0      4      0.9000  0.8500  Two learning rates, two seeds, two epochs on 1,000 images",
        ], list.transcript)
        let runs = try RunnerProcess.run(["list", "smoke", "--db", sweep.db])
        XCTAssertEqual(runs.stdoutLines.dropFirst(2).dropLast().map { $0.split(separator: " ")[4] }, ["stale", "running", "running", "done"],
                       runs.transcript)
    }
}
