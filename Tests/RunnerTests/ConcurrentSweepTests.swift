import Foundation
import XCTest

/// Several processes on one database: sweepers sharing the work, readers
/// reading while a sweep writes.
final class ConcurrentSweepTests: XCTestCase {
    /// Three `runner sweep` of the same file started at once on a database
    /// that does not exist yet: they race to create and migrate it, then
    /// share the runs, each trained by exactly one of them.
    func testThreeSweepersShareTheWorkAndTrainEachRunOnce() throws {
        let sweep = try FaultSweep(in: try makeTemporaryDirectory())
        let sweepers = try (1...3).map { _ in try sweep.start(["--jobs", "1"], in: self) }
        let outputs = try sweepers.map { try $0.waitForExit() }

        for output in outputs {
            XCTAssertEqual(output.status, 0, output.transcript)
            XCTAssertFalse(output.stderr.contains("locked"), output.transcript)
            XCTAssertFalse(output.stderr.contains("runner: error"), output.transcript)
            // Every process accounts for every run: finished before it looked
            // (a process that starts late finds some done), trained, or left to another.
            let finished = try XCTUnwrap(
                output.stderr.firstMatch(of: #/fault: 4 runs, (\d) already finished, /#).flatMap { Int($0.1) },
                output.transcript)
            let progress = output.stderrLines.filter { $0.hasPrefix("[") }
            XCTAssertEqual(progress.count + finished, FaultSweep.runCount, output.transcript)
            XCTAssertEqual(
                progress.filter { $0.contains("  skipped: done or claimed elsewhere  ") }.count
                    + FaultSweep.trainedRuns(output).count + finished,
                FaultSweep.runCount, output.transcript)
        }
        let trained = outputs.flatMap(FaultSweep.trainedRuns)
        XCTAssertEqual(trained.count, FaultSweep.runCount, outputs.map(\.transcript).joined(separator: "\n"))
        // Each run was trained by one process: its owner, which reported it.
        let owners = try SQLiteShell.query(sweep.db, "SELECT owner_pid, count(*) AS runs FROM runs GROUP BY owner_pid")
        let trainedBy = Dictionary(uniqueKeysWithValues: zip(sweepers.map { String($0.pid) }, outputs.map { FaultSweep.trainedRuns($0).count }))
        for row in owners.rows {
            XCTAssertEqual(trainedBy[row[0]].map(String.init), row[1], "owner \(row[0]): \(owners.rows)")
        }
        try sweep.assertCompleteAndEqualToReference()
    }

    /// Fresh databases created by three processes at the same moment, on a
    /// sweep short enough that they reach the database together: nobody
    /// sees a half-created schema or a lock error.
    func testThreeProcessesCreatingOneDatabaseAtOnce() throws {
        let directory = try makeTemporaryDirectory()
        let file = directory.appendingPathComponent("tiny.yaml").path
        try """
            name: tiny
            dataset: mnist
            train_limit: 100
            test_limit: 100
            layers: [784, 10]
            eta: 3.0
            epochs: 1
            batch: 10
            seeds: [1, 2, 3]

            """.write(toFile: file, atomically: false, encoding: .utf8)
        for round in 1...4 {
            let db = directory.appendingPathComponent("round\(round).sqlite").path
            let sweepers = try (1...3).map { _ in
                try startRunner(["sweep", file, "--db", db, "--out", directory.appendingPathComponent("out").path, "--jobs", "1"])
            }
            let outputs = try sweepers.map { try $0.waitForExit() }
            for output in outputs {
                XCTAssertEqual(output.status, 0, "round \(round): \(output.transcript)")
                XCTAssertFalse(output.stderr.contains("runner: error"), "round \(round): \(output.transcript)")
            }
            XCTAssertEqual(outputs.flatMap(FaultSweep.trainedRuns).count, 3, "round \(round)")
            XCTAssertEqual(try SQLiteShell.query(db, "SELECT status, count(*) FROM runs GROUP BY status").rows, [["done", "3"]])
            XCTAssertEqual(try SQLiteShell.query(db, "SELECT identifier FROM grdb_migrations ORDER BY identifier").rows, [["v1"], ["v2"], ["v3"], ["v4"], ["v5"], ["v6"], ["v7"]])
        }
    }

    /// `runner query` and `sqlite3` read the database again and again while a
    /// sweep writes it: every read succeeds, sees whole epochs only (each
    /// run's epochs numbered 1…n), and the counts only grow.
    func testReadersReadWhileASweepWrites() throws {
        let sweep = try FaultSweep(in: try makeTemporaryDirectory())
        let child = try sweep.start(["--jobs", "2"], in: self)
        let session = try sweep.session(watching: child)
        try poll("the runs to be registered") {
            guard child.isRunning else { throw PollFailure("the sweep exited early:\n\(child.stderr)") }
            return try !FaultSweep.state(in: session).isEmpty
        }
        session.close()

        // Per run: epochs and the highest epoch number, which must be equal.
        let sql = "SELECT r.id, count(e.epoch), coalesce(max(e.epoch), 0) FROM runs r LEFT JOIN epochs e ON e.run_id = r.id GROUP BY r.id ORDER BY r.id"
        var reads = 0
        var readsMidSweep = 0
        var lastTotal = 0
        while child.isRunning {
            let viaRunner = try RunnerProcess.run(["query", "--db", sweep.db, "--csv", sql])
            XCTAssertEqual(viaRunner.status, 0, viaRunner.transcript)
            let viaShell = try RunnerProcess.execute(
                try XCTUnwrap(SQLiteShell.executable), ["-readonly", "-csv", "-cmd", ".timeout 10000", sweep.db, sql])
            XCTAssertEqual(viaShell.status, 0, viaShell.transcript)
            XCTAssertEqual(viaShell.stderr, "")
            for rows in [try CSVTable(parsing: viaRunner.stdout).rows, try CSVTable(parsing: "id,n,last\n" + viaShell.stdout).rows] {
                XCTAssertEqual(rows.count, FaultSweep.runCount)
                for row in rows { XCTAssertEqual(row[1], row[2], "epochs not numbered 1…n: \(rows)") }
                let total = rows.compactMap { Int($0[1]) }.reduce(0, +)
                XCTAssertGreaterThanOrEqual(total, lastTotal, "epochs disappeared: \(rows)")
                lastTotal = total
                if total > 0 && total < FaultSweep.runCount * FaultSweep.epochs { readsMidSweep += 1 }
            }
            reads += 2
        }
        let output = try child.waitForExit()

        XCTAssertEqual(output.status, 0, output.transcript)
        XCTAssertFalse(output.stderr.contains("locked"), output.transcript)
        XCTAssertGreaterThan(readsMidSweep, 0, "no read happened while the sweep was part-way (\(reads) reads)")
        try sweep.assertCompleteAndEqualToReference()
    }
}
