import Foundation
import XCTest

/// Runs linked to no experiment: `runner list --orphans` shows them and
/// `runner gc` deletes them, after saying which, keeping every run an
/// experiment links to and runs marked running.
final class OrphanedRunsTests: XCTestCase {
    /// Smoke's η = 3 runs unlinked (as a shrunk grid leaves them); run 4
    /// marked running by a live process, this one. Returns the runs' hash
    /// prefixes by id.
    private func sweepWithOrphans() throws -> (sweep: SmokeSweep, hashes: [String]) {
        let sweep = SmokeSweep(in: try makeTemporaryDirectory())
        try sweep.runToCompletion(["--quiet"])
        try SQLiteShell.execute(sweep.db, """
            DELETE FROM experiment_runs WHERE run_id IN (3, 4);
            UPDATE runs SET status = 'running', host = '\(ProcessInfo.processInfo.hostName)',
                            owner_pid = \(ProcessInfo.processInfo.processIdentifier),
                            heartbeat_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = 4;
            """)
        let hashes = try SQLiteShell.query(sweep.db, "SELECT substr(config_hash, 1, 12) FROM runs ORDER BY id").rows.map { $0[0] }
        return (sweep, hashes)
    }

    private func table(_ hashes: [String]) -> [String] {
        [
            "id  config_hash   created_by  layers     eta  epochs  batch  init    seed  status   recorded_epochs",
            "--  ------------  ----------  ---------  ---  ------  -----  ------  ----  -------  ---------------",
            " 3  \(hashes[2])  smoke       784-30-10  3.0       2     10  normal     1  done                   2",
            " 4  \(hashes[3])  smoke       784-30-10  3.0       2     10  normal     2  running                2",
        ]
    }

    func testListOrphansShowsTheRunsOfNoExperiment() throws {
        let (sweep, hashes) = try sweepWithOrphans()

        let output = try RunnerProcess.run(["list", "--orphans", "--db", sweep.db])

        XCTAssertEqual(output.status, 0, output.transcript)
        XCTAssertEqual(output.stdoutLines, table(hashes) + ["2 runs linked to no experiment; runner gc deletes them"])

        try SQLiteShell.execute(sweep.db, "DELETE FROM runs WHERE id IN (3, 4)")
        let none = try RunnerProcess.run(["list", "--orphans", "--db", sweep.db])
        XCTAssertEqual(none.stdoutLines, ["every run is linked to an experiment"])
    }

    /// Without a terminal to ask on, gc says what it would delete and
    /// refuses unless given --yes; with it, it deletes the orphan that is
    /// not running and keeps the rest.
    func testGCWithoutATerminalNeedsYes() throws {
        let (sweep, hashes) = try sweepWithOrphans()

        let refused = try RunnerProcess.run(["gc", "--db", sweep.db])

        XCTAssertEqual(refused.status, 2, refused.transcript)
        XCTAssertEqual(refused.stdoutLines, table(hashes) + ["keeping 1 run marked running: a sweep may still be training it"])
        XCTAssertEqual(refused.stderrLines, [
            "runner: error: gc would delete 1 run linked to no experiment and its 2 epochs from \(sweep.db); "
                + "confirm on a terminal, or pass --yes",
        ])
        XCTAssertEqual(try SQLiteShell.query(sweep.db, "SELECT count(*) FROM runs").rows, [["4"]])

        let deleted = try RunnerProcess.run(["gc", "--db", sweep.db, "--yes"])

        XCTAssertEqual(deleted.status, 0, deleted.transcript)
        XCTAssertEqual(deleted.stdoutLines, table(hashes) + [
            "keeping 1 run marked running: a sweep may still be training it", "deleted 1 run and 2 epochs",
        ])
        XCTAssertEqual(try SQLiteShell.query(sweep.db, "SELECT id FROM runs ORDER BY id").rows, [["1"], ["2"], ["4"]])
        XCTAssertEqual(try SQLiteShell.query(sweep.db, "SELECT count(*) FROM epochs").rows, [["6"]])
    }

    /// On a terminal gc asks, and deletes only on yes.
    func testGCAsksOnATerminal() throws {
        let script = URL(fileURLWithPath: "/usr/bin/script")
        try XCTSkipUnless(FileManager.default.isExecutableFile(atPath: script.path), "no script(1) to give gc a terminal")
        let runner = try XCTUnwrap(RunnerProcess.executable)
        let (sweep, hashes) = try sweepWithOrphans()
        let question = "delete 1 run linked to no experiment and its 2 epochs from \(sweep.db)? [y/N] "

        for (answer, outcome, runs) in [("n", "nothing deleted", "4"), ("y", "deleted 1 run and 2 epochs", "3")] {
            let input = try makeTemporaryDirectory().appendingPathComponent("answer")
            try Data("\(answer)\n".utf8).write(to: input)
            // script(1) runs gc on a pseudo-terminal, typing the answer file into it.
            let output = try RunnerProcess.execute(
                URL(fileURLWithPath: "/bin/sh"),
                ["-c", "\(script.path) -qec '\(runner.path) gc --db \(sweep.db)' /dev/null < \(input.path)"])
            XCTAssertEqual(output.status, 0, output.transcript)
            // The terminal echoes the answer as script(1) types it, which is
            // before gc asks; the question's line then ends with the outcome.
            let lines = output.stdout.replacingOccurrences(of: "\r", with: "").components(separatedBy: "\n")
            XCTAssertEqual(lines.filter { $0 != answer }, table(hashes) + [
                "keeping 1 run marked running: a sweep may still be training it", question + outcome, "",
            ], output.transcript)
            XCTAssertEqual(try SQLiteShell.query(sweep.db, "SELECT count(*) FROM runs").rows, [[runs]])
        }
    }
}
