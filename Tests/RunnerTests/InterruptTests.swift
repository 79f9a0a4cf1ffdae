import Foundation
import XCTest

/// Ctrl-C (SIGINT) and SIGTERM during a sweep: it starts no new run, lets
/// the epochs in flight finish, hands every unfinished run back as
/// `pending` with its epochs and the checkpoint after the last of them,
/// says how to resume, and exits 130 or 143; the same command continues
/// each run after its last epoch, with the numbers of an uninterrupted
/// sweep. A second Ctrl-C stops at once, leaving the database as sound.
///
/// Each test freezes the sweep at a known state by holding the database's
/// write lock (the sweep's next commit waits), signals it, waits for the
/// sweep to acknowledge the signal, and only then lets it go on: so the
/// signal always lands at that state.
final class InterruptTests: XCTestCase {
    private let firstSignalNotice = "stopping after the epochs in flight; press Ctrl-C again to stop at once"

    /// Interrupted with two runs part-way and none done: every run ends
    /// pending, the two with their epochs up to the one in flight.
    func testCtrlCHandsUnfinishedRunsBackAndExits130() throws {
        let sweep = try FaultSweep(in: try makeTemporaryDirectory())
        let child = try sweep.start(["--jobs", "2"], in: self)
        let session = try sweep.session(watching: child)
        // Both threads on a run (neither claiming another), with at least
        // two epochs to go: the epoch in flight cannot be a run's last, so
        // no run can finish after the signal.
        let frozen = try sweep.freeze(child, session, when: "two runs part-way, none done") { runs in
            runs.filter { $0.status == "running" && $0.epochs > 0 }.count == 2
                && runs.allSatisfy { $0.status != "done" && $0.epochs <= FaultSweep.epochs - 2 }
        }

        let output = try interrupt(child, session, with: SIGINT)

        XCTAssertEqual(output.status, 130, output.transcript)
        assertInterruptedOutput(output, sweep, flags: ["--jobs", "2"], interruptedRuns: 2)
        let kept = try sweep.assertHandedBack()
        XCTAssertEqual(try sweep.epochRanges().map { $0[1] }, Array(repeating: "pending", count: FaultSweep.runCount))
        assertKeptUpToTheEpochInFlight(kept, frozen)
        try sweep.assertResumes(kept: kept)
    }

    /// SIGTERM (what `kill` and job schedulers send) on one thread, after a
    /// run is done: the done run stays as it was, the rest are pending.
    func testSIGTERMKeepsDoneRunsAndExits143() throws {
        let sweep = try FaultSweep(in: try makeTemporaryDirectory())
        let child = try sweep.start(["--jobs", "1"], in: self)
        let session = try sweep.session(watching: child)
        let frozen = try sweep.freeze(child, session, when: "a run done and the next part-way") { runs in
            runs.contains { $0.status == "done" }
                && runs.contains { $0.status == "running" && $0.epochs > 0 && $0.epochs <= FaultSweep.epochs - 2 }
        }
        let done = frozen.filter { $0.status == "done" }.map(\.configHash)
        let doneRowsBefore = try sweep.doneRows()

        let output = try interrupt(child, session, with: SIGTERM)

        XCTAssertEqual(output.status, 143, output.transcript)
        assertInterruptedOutput(output, sweep, flags: ["--jobs", "1"], interruptedRuns: 1)
        let kept = try sweep.assertHandedBack()
        XCTAssertEqual(try sweep.epochRanges().filter { $0[1] == "done" }.map { $0[0] }, done.sorted())
        XCTAssertEqual(try sweep.doneRows(), doneRowsBefore)
        assertKeptUpToTheEpochInFlight(kept, frozen)
        XCTAssertEqual(kept.count, FaultSweep.runCount - done.count)
        try sweep.assertResumes(kept: kept)
    }

    /// A second Ctrl-C while the epochs in flight are still finishing
    /// (held at their commit by the lock) stops without waiting for them.
    func testSecondCtrlCStopsAtOnceAndLeavesTheDatabaseSound() throws {
        let sweep = try FaultSweep(in: try makeTemporaryDirectory())
        let child = try sweep.start(["--jobs", "2"], in: self)
        let session = try sweep.session(watching: child)
        let frozen = try sweep.freeze(child, session, when: "runs part-way, none done") { runs in
            !runs.isEmpty && runs.allSatisfy { $0.status != "done" && $0.epochs <= FaultSweep.epochs - 2 }
                && runs.contains { $0.epochs > 0 }
        }

        child.signal(SIGINT)
        try child.waitForStderrLine(firstSignalNotice)
        child.signal(SIGINT)
        try child.waitForStderrLine("stopping at once; handing back the unfinished runs")
        try session.unlockWrites()
        session.close()
        let output = try child.waitForExit()

        XCTAssertEqual(output.status, 130, output.transcript)
        XCTAssertEqual(output.stderrLines.last, "runner: stopped; unfinished runs are handed back. \(sweep.resumeHint(["--jobs", "2"]))", output.transcript)
        XCTAssertFalse(output.stderr.contains("runner: interrupted"), output.transcript)
        XCTAssertFalse(output.stderr.contains("Fatal error"), output.transcript)
        let kept = try sweep.assertHandedBack()
        assertKeptUpToTheEpochInFlight(kept, frozen)
        try sweep.assertResumes(kept: kept)
    }

    /// Each run keeps the epochs it had when the sweep was frozen, and at
    /// most the one then in flight: the signal lands between the two.
    private func assertKeptUpToTheEpochInFlight(
        _ kept: [String: Int], _ frozen: [FaultSweep.RunState], line: UInt = #line
    ) {
        for run in frozen where run.status != "done" {
            let epochs = kept[run.configHash] ?? -1
            let inFlight = run.status == "running" ? 1 : 0
            XCTAssertTrue((run.epochs ... run.epochs + inFlight).contains(epochs), "\(run): kept \(epochs)", line: line)
        }
    }

    /// Sends `signal` to the frozen sweep, waits until it has taken note,
    /// lets it go on, and waits for it to exit.
    private func interrupt(_ child: RunnerChild, _ session: SQLiteSession, with signal: Int32) throws -> ProcessOutput {
        child.signal(signal)
        try child.waitForStderrLine(firstSignalNotice)
        try session.unlockWrites()
        session.close()
        return try child.waitForExit()
    }

    /// The hint repeats the command with every flag: `--out` and `flags`.
    private func assertInterruptedOutput(
        _ output: ProcessOutput, _ sweep: FaultSweep, flags: [String], interruptedRuns: Int, line: UInt = #line
    ) {
        XCTAssertEqual(
            output.stderrLines.last, "runner: interrupted; finished runs are saved. \(sweep.resumeHint(flags))",
            output.transcript, line: line)
        XCTAssertEqual(
            output.stderrLines.filter { $0.contains("  interrupted  ") }.count, interruptedRuns,
            output.transcript, line: line)
        XCTAssertEqual(output.stderrLines.filter { $0.hasPrefix("runner: ") }.count, 1, output.transcript, line: line)
        XCTAssertEqual(output.stdout, "", output.transcript, line: line)
    }}
