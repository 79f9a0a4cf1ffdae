import Foundation
import XCTest

/// Early stopping end to end, with real processes: its decisions, the
/// epochs it trains and every stored number are the same bit for bit on
/// one thread or two, after `kill -9` mid-rung and a resume (twice), and
/// after `samples` grows; `--shard` and Slurm refuse it.
final class EarlyStopSweepTests: XCTestCase {
    /// One uninterrupted sweep on one thread of each fixture, taken once;
    /// XCTest runs a class's tests one at a time.
    nonisolated(unsafe) private static var references: [String: [CSVTable]] = [:]

    private func reference(samples: Int = 9, method: String = "successive_halving") throws -> [CSVTable] {
        let key = "\(method)-\(samples)"
        if let cached = Self.references[key] { return cached }
        let sweep = try SearchSweep(in: try makeTemporaryDirectory(), samples: samples, method: method)
        let output = try sweep.run(["--jobs", "1"])
        XCTAssertEqual(output.status, 0, output.transcript)
        let results = try sweep.results()
        Self.references[key] = results
        return results
    }

    /// Nine runs ranked after epoch 1 (3 go on) and epoch 3 (1 goes on):
    /// 9 + 3·2 + 6 = 21 epochs instead of 81, the same on two threads.
    func testTheSearchIsTheSameOnOneThreadOrTwo() throws {
        let sweep = try SearchSweep(in: try makeTemporaryDirectory())
        let output = try sweep.run(["--jobs", "2"])
        XCTAssertEqual(output.status, 0, output.transcript)
        XCTAssertEqual(try sweep.shape(), [["done", "9"], ["pruned", "1"], ["pruned", "1"], ["pruned", "1"],
                                           ["pruned", "1"], ["pruned", "1"], ["pruned", "1"], ["pruned", "3"], ["pruned", "3"]])
        XCTAssertEqual(try sweep.verdicts(), [["0", "1", "promote", "3"], ["0", "1", "prune", "6"],
                                              ["1", "3", "promote", "1"], ["1", "3", "prune", "2"]])
        XCTAssertEqual(FaultSweep.trainedEpochs(output), 21, output.transcript)
        XCTAssertTrue(output.stderrLines.contains { $0.hasPrefix("rung 0 (1 epoch): 3 of 9 go on, 6 pruned (validation_accuracy threshold 0.") },
                      output.transcript)
        // Pruned runs short of their epochs, with a prune decision at the last and their checkpoints.
        let check = try RunnerProcess.run(["check", "--db", sweep.db])
        XCTAssertEqual(check.status, 0, check.transcript)
        XCTAssertEqual(check.stdout, "\(sweep.db): ok, 1 experiment, 9 runs, 21 epochs\n")
        XCTAssertTrue(output.stdoutLines.contains { $0.hasPrefix("exported ") }, output.transcript)
        XCTAssertEqual(try sweep.results(), try reference())
        let verify = try RunnerProcess.run(["verify", "--db", sweep.db, "--experiment", "search-test"])
        XCTAssertEqual(verify.status, 0, verify.transcript)
        XCTAssertEqual(verify.stdoutLines.last, "9 run(s) reproduced bit for bit", verify.transcript)
        XCTAssertEqual(verify.stdoutLines.filter { $0.hasSuffix(": 1 epochs identical") }.count, 6, verify.transcript)

        // The search is complete: a second sweep trains nothing and changes nothing.
        let again = try sweep.run(["--jobs", "2"])
        XCTAssertEqual(again.status, 0, again.transcript)
        XCTAssertNil(FaultSweep.trainedEpochs(again), again.transcript)
        XCTAssertEqual(try sweep.results(), try reference())
    }

    /// Killed while rung 0 has runs waiting at it and runs not yet there,
    /// resumed, killed again while a promoted run is between rungs, resumed:
    /// the same search as one uninterrupted sweep.
    func testKilledMidRungTwiceAndResumedItIsTheSameSearch() throws {
        let sweep = try SearchSweep(in: try makeTemporaryDirectory())

        let first = try sweep.start(["--jobs", "2"], in: self)
        var session = try session(sweep, watching: first)
        try freeze(first, session, when: "rung 0 part-way: runs at it and runs not there yet") { runs, decisions in
            decisions == 0 && runs.contains { $0.epochs == 1 && $0.status == "pending" } && runs.contains { $0.epochs == 0 }
        }
        try kill(first, session)

        let second = try sweep.start(["--jobs", "2"], in: self)
        session = try self.session(sweep, watching: second)
        try freeze(second, session, when: "rung 0 decided and a promoted run between epochs 1 and 3") { runs, decisions in
            decisions == 9 && runs.contains { $0.epochs == 2 }
        }
        try kill(second, session)

        let resumed = try sweep.run(["--jobs", "2"])
        XCTAssertEqual(resumed.status, 0, resumed.transcript)
        XCTAssertTrue(resumed.stderrLines.contains { $0.hasSuffix("will continue after their last recorded epoch") }, resumed.transcript)
        XCTAssertEqual(try SQLiteShell.query(sweep.db, "PRAGMA integrity_check").rows, [["ok"]])
        XCTAssertEqual(try sweep.results(), try reference())
    }

    /// Six points searched, then the file grown to nine (the six kept):
    /// the decisions of six are replaced by those of nine, runs trained
    /// past the rung they are now pruned at lose those epochs, and the
    /// database equals a sweep of the nine from scratch.
    func testAGrownSearchEqualsTheGrownFileSweptFromScratch() throws {
        let sweep = try SearchSweep(in: try makeTemporaryDirectory(), samples: 6)
        let six = try sweep.run(["--jobs", "2"])
        XCTAssertEqual(six.status, 0, six.transcript)
        XCTAssertEqual(try sweep.verdicts(), [["0", "1", "promote", "2"], ["0", "1", "prune", "4"],
                                              ["1", "3", "promote", "1"], ["1", "3", "prune", "1"]])

        try sweep.write(samples: 9)
        let nine = try sweep.run(["--jobs", "2", "--replace"])
        XCTAssertEqual(nine.status, 0, nine.transcript)
        XCTAssertEqual(try sweep.results(), try reference(samples: 9))
    }

    func testHyperbandAndTheMedianRuleAreTheSameOnOneThreadOrTwo() throws {
        for method in ["hyperband", "median"] {
            let sweep = try SearchSweep(in: try makeTemporaryDirectory(), method: method)
            let output = try sweep.run(["--jobs", "2"])
            XCTAssertEqual(output.status, 0, output.transcript)
            XCTAssertEqual(try sweep.results(), try reference(method: method), method)
            XCTAssertEqual(try SQLiteShell.query(sweep.db, "SELECT count(*) FROM runs WHERE status NOT IN ('done', 'pruned')").rows,
                           [["0"]], method)
        }
    }

    /// `runner show` of a pruned run says where and why, from its decision row.
    func testShowSaysWhyARunWasPruned() throws {
        let sweep = try SearchSweep(in: try makeTemporaryDirectory())
        XCTAssertEqual(try sweep.run(["--jobs", "2"]).status, 0)
        let row = try XCTUnwrap(SQLiteShell.query(sweep.db, """
            SELECT d.run_id, d.rank, d.rung_size, printf('%.4f', d.metric_value), printf('%.4f', d.threshold)
            FROM decisions d WHERE d.rung = 1 AND d.verdict = 'prune' ORDER BY d.rank LIMIT 1
            """).rows.first)
        let show = try RunnerProcess.run(["show", row[0], "--db", sweep.db])
        XCTAssertEqual(show.status, 0, show.transcript)
        XCTAssertTrue(show.stdoutLines.contains(
            "pruned          rank \(row[1]) of \(row[2]) at rung 1 (3 epochs): validation accuracy \(row[3]) below the threshold \(row[4])"),
            show.stdout)
    }

    func testTheDryRunSaysWhereRunsAreRanked() throws {
        let sweep = try SearchSweep(in: try makeTemporaryDirectory())
        let dry = try sweep.run(["--dry-run"])
        XCTAssertEqual(dry.status, 0, dry.transcript)
        XCTAssertEqual(dry.stdoutLines.first,
                       "early stopping: successive_halving on validation_accuracy, ranking after epochs 1, 3 of 9; runs 9 → 3 → 1")
        XCTAssertEqual(dry.stdoutLines.last, "search-test: 9 runs, 0 already have results, 9 to train")
        XCTAssertFalse(FileManager.default.fileExists(atPath: sweep.db))
    }

    func testShardsAndSlurmRefuseEarlyStoppingInOneLine() throws {
        let sweep = try SearchSweep(in: try makeTemporaryDirectory())
        let expected = "runner: error: \(sweep.file): early_stop ranks all of a rung's runs together, which separate shard databases "
            + "cannot do; run it as one sweep: runner sweep \(sweep.file) --jobs N"
        let shard = try sweep.run(["--shard", "0/2"])
        XCTAssertEqual(shard.status, 2, shard.transcript)
        XCTAssertEqual(shard.stderrLines, [expected])
        let slurm = try RunnerProcess.run(["slurm", "submit", sweep.file, "--dry-run"])
        XCTAssertEqual(slurm.status, 2, slurm.transcript)
        XCTAssertEqual(slurm.stderrLines, [expected])
        XCTAssertFalse(FileManager.default.fileExists(atPath: sweep.db))
    }

    // MARK: - Killing a sweep at a committed state

    private func session(_ sweep: SearchSweep, watching child: RunnerChild) throws -> SQLiteSession {
        try poll("\(sweep.db) to be created") {
            guard child.isRunning else { throw PollFailure("the sweep exited before creating its database:\n\(child.stderr)") }
            return FileManager.default.fileExists(atPath: sweep.db)
        }
        return try SQLiteSession(sweep.db)
    }

    /// Waits until the committed state satisfies `condition`, then holds
    /// the write lock so the sweep cannot commit past it.
    private func freeze(
        _ child: RunnerChild, _ session: SQLiteSession, when description: String,
        _ condition: ([FaultSweep.RunState], Int) -> Bool
    ) throws {
        try poll(description) {
            guard child.isRunning else {
                throw PollFailure("the sweep exited before \(description); stderr:\n\(child.stderr)")
            }
            guard condition(try FaultSweep.state(in: session), try SearchSweep.decisionCount(in: session)) else { return false }
            try session.lockWrites()
            if condition(try FaultSweep.state(in: session), try SearchSweep.decisionCount(in: session)) { return true }
            try session.unlockWrites()
            return false
        }
    }

    private func kill(_ child: RunnerChild, _ session: SQLiteSession) throws {
        child.signal(SIGKILL)
        let killed = try child.waitForExit()
        try session.unlockWrites()
        session.close()
        XCTAssertEqual(killed.status, 128 + SIGKILL, killed.transcript)
    }
}
