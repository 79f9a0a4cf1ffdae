import Foundation
import XCTest

/// `kill -9` of a sweep at chosen moments, then the same `runner sweep`
/// again: it must notice the runs the dead process left `running`,
/// continue each after its last committed epoch, leave every `done` run as
/// it was, and end with the numbers of an uninterrupted sweep.
///
/// Each test holds the database's write lock (``FaultSweep/freeze``) to
/// stop the sweep at an exact committed state, kills it there, and checks
/// that state before resuming.
final class CrashRecoveryTests: XCTestCase {
    /// Killed with runs claimed but no epoch committed yet: they are left
    /// `running` with no epochs, by a process that is gone.
    func testKillBeforeTheFirstEpochCommits() throws {
        // "No epoch yet" cannot come back once the first epoch commits, so
        // unlike the other states it cannot be waited for again on the same
        // sweep: a state missed (the first epoch committed between reading
        // the claim and taking the lock) is tried again on a fresh sweep.
        let directory = try makeTemporaryDirectory()
        for attempt in 1 ... 3 {
            let sweep = try FaultSweep(in: directory.appendingPathComponent("attempt\(attempt)"))
            let child = try sweep.start(["--jobs", "2"], in: self)
            let session = try sweep.session(watching: child)
            try poll("a run to be claimed") {
                guard child.isRunning else { throw PollFailure("the sweep exited early:\n\(child.stderr)") }
                return try FaultSweep.state(in: session).contains { $0.status == "running" || $0.epochs > 0 }
            }
            try session.lockWrites()
            let frozen = try FaultSweep.state(in: session)
            let killed = try kill(child, session)
            guard frozen.allSatisfy({ $0.epochs == 0 }) else { continue }

            XCTAssertEqual(frozen.count, FaultSweep.runCount)
            XCTAssertEqual(Set(frozen.map(\.status)).subtracting(["pending", "running"]), [], "\(frozen)")
            XCTAssertEqual(FaultSweep.trainedRuns(killed), [])
            let doneBefore = try sweep.doneRows()
            XCTAssertEqual(doneBefore[0].rows, [])
            let abandoned = frozen.filter { $0.status == "running" }.count
            XCTAssertGreaterThan(abandoned, 0)
            try resume(sweep, abandoned: abandoned, doneBefore: doneBefore)
            return
        }
        XCTFail("each of 3 sweeps committed its first epoch before the lock was taken")
    }

    /// Killed while a run is part-way through its epochs, after another
    /// run is done: the partial epochs are kept with their checkpoint, and
    /// the run continues after the last of them; the done run is kept.
    func testKillMidRun() throws {
        let sweep = try FaultSweep(in: try makeTemporaryDirectory())
        let child = try sweep.start(["--jobs", "2"], in: self)
        let session = try sweep.session(watching: child)
        let frozen = try sweep.freeze(child, session, when: "a run done and another part-way") { runs in
            runs.contains { $0.status == "done" }
                && runs.contains { $0.status == "running" && $0.epochs > 0 && $0.epochs < FaultSweep.epochs }
        }

        try kill(child, session)

        let doneBefore = try sweep.doneRows()
        XCTAssertEqual(doneBefore[0].rows.count, frozen.filter { $0.status == "done" }.count)
        XCTAssertEqual(try sweep.integrity(), [["ok"]])
        let partial = try SQLiteShell.query(sweep.db, """
            SELECT count(*) FROM runs r WHERE r.status = 'running'
              AND (SELECT count(*) FROM epochs e WHERE e.run_id = r.id) BETWEEN 1 AND \(FaultSweep.epochs - 1)
            """)
        XCTAssertNotEqual(partial.rows, [["0"]], "no run left part-way: \(frozen)")
        try resume(sweep, abandoned: frozen.filter { $0.status == "running" }.count, doneBefore: doneBefore)
    }

    /// Killed between runs: one trained to the end, the next not yet past
    /// its first epoch (claimed or not), on one thread.
    func testKillBetweenRuns() throws {
        let sweep = try FaultSweep(in: try makeTemporaryDirectory())
        let child = try sweep.start(["--jobs", "1"], in: self)
        let session = try sweep.session(watching: child)
        let frozen = try sweep.freeze(child, session, when: "a run done and the next without epochs") { runs in
            let done = runs.filter { $0.status == "done" }.count
            return done >= 1 && done < FaultSweep.runCount && runs.allSatisfy { $0.status == "done" || $0.epochs == 0 }
        }

        try kill(child, session)

        let doneBefore = try sweep.doneRows()
        XCTAssertEqual(doneBefore[0].rows.count, frozen.filter { $0.status == "done" }.count)
        XCTAssertLessThanOrEqual(frozen.filter { $0.status == "running" }.count, 1, "\(frozen)")
        try resume(sweep, abandoned: frozen.filter { $0.status == "running" }.count, doneBefore: doneBefore)
    }

    /// Kills the frozen sweep, then lets go of the lock and closes the
    /// session, so the database is left exactly as the kill found it.
    @discardableResult
    private func kill(_ child: RunnerChild, _ session: SQLiteSession) throws -> ProcessOutput {
        child.signal(SIGKILL)
        let killed = try child.waitForExit()
        try session.unlockWrites()
        session.close()
        XCTAssertEqual(killed.status, 128 + SIGKILL, killed.transcript)
        return killed
    }

    /// Runs the same sweep again and checks it continued exactly the runs
    /// that were not done, each after the epochs the kill left it, left the
    /// done ones untouched, and finished the grid.
    private func resume(_ sweep: FaultSweep, abandoned: Int, doneBefore: [CSVTable], line: UInt = #line) throws {
        let left = try sweep.epochRanges().filter { $0[1] != "done" }
        let checkpoints = try sweep.checkpoints()
        for run in left {
            XCTAssertEqual(checkpoints[run[0]], run[2] == "0" ? nil : Int(run[2]), "epochs without their checkpoint: \(run)", line: line)
        }
        let kept = Dictionary(uniqueKeysWithValues: left.map { ($0[0], Int($0[2]) ?? -1) })

        let resumed = try sweep.assertResumes(kept: kept, line: line)

        let notice = "\(abandoned) run(s) left running by a process that is gone will continue after their last recorded epoch"
        XCTAssertEqual(resumed.stderrLines.contains(notice), abandoned > 0, resumed.transcript, line: line)
        XCTAssertEqual(
            FaultSweep.trainedRuns(resumed).count, FaultSweep.runCount - doneBefore[0].rows.count, resumed.transcript, line: line)
        let doneAfter = try sweep.doneRows()
        XCTAssertEqual(doneAfter[0].rows.filter { row in doneBefore[0].rows.contains(row) }, doneBefore[0].rows, "a done run changed", line: line)
        XCTAssertEqual(doneAfter[1].rows.filter { row in doneBefore[1].rows.contains(row) }, doneBefore[1].rows, "a done run's epochs changed", line: line)
    }
}
