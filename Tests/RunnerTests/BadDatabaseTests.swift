import Foundation
import XCTest

/// `--db` pointing at something that is not a results database this runner
/// can write: one line naming the path and what is wrong, exit code 2 when
/// the path is the wrong thing and 1 when the file system refuses, and the
/// file left byte for byte as it was. A disk that fills mid-sweep stops the
/// sweep with the database sound and resumable.
final class BadDatabaseTests: XCTestCase {
    func testDirectory() throws {
        let directory = try makeTemporaryDirectory()
        let db = directory.appendingPathComponent("results.sqlite").path
        try FileManager.default.createDirectory(atPath: db, withIntermediateDirectories: false)

        let output = try sweepSmall(in: directory, db: db)

        XCTAssertEqual(output.status, 2, output.transcript)
        XCTAssertEqual(output.stderr, "runner: error: \(db): is a directory, not an SQLite database file\n")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: db), [])
    }

    func testTextFile() throws {
        try assertRefused(
            Data("name,eta\nsmoke,3.0\n".utf8), exitCode: 2,
            message: "is not an SQLite database file (SQLite: file is not a database)")
    }

    /// Bytes that start like nothing in particular, a page long and more.
    func testBinaryFileThatIsNotSQLite() throws {
        var generator = SystemRandomNumberGenerator()
        let bytes = Data((0 ..< 10_000).map { _ in UInt8.random(in: 0 ... 255, using: &generator) })
        try assertRefused(
            bytes, exitCode: 2, message: "is not an SQLite database file (SQLite: file is not a database)")
    }

    /// Another program's SQLite file, in rollback-journal mode: refused
    /// before the runner would switch it to WAL mode or add its tables.
    func testSQLiteFileOfAnotherProgram() throws {
        let directory = try makeTemporaryDirectory()
        let db = directory.appendingPathComponent("other.sqlite").path
        try sqlite3(db, "CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT); INSERT INTO notes (text) VALUES ('mine');")
        let before = try DatabaseFingerprint(of: db)

        let output = try sweepSmall(in: directory, db: db)

        XCTAssertEqual(output.status, 2, output.transcript)
        XCTAssertEqual(
            output.stderr,
            "runner: error: \(db): is an SQLite database but not a results database (it has tables but no schema version)\n")
        XCTAssertEqual(try DatabaseFingerprint(of: db), before)
        XCTAssertEqual(try SQLiteShell.query(db, "PRAGMA journal_mode").rows, [["delete"]])
    }

    /// A results database a newer runner has migrated further: every
    /// command refuses it rather than guess, and none changes it.
    func testSchemaNewerThanThisRunner() throws {
        let directory = try makeTemporaryDirectory()
        let db = directory.appendingPathComponent("results.sqlite").path
        let first = try sweepSmall(in: directory, db: db)
        XCTAssertEqual(first.status, 0, first.transcript)
        try sqlite3(db, "INSERT INTO grdb_migrations (identifier) VALUES ('v3-from-a-newer-runner');")
        let before = try DatabaseFingerprint(of: db)
        let message = "runner: error: \(db): schema is newer than this runner knows "
            + "(unknown migrations: v3-from-a-newer-runner); use a newer runner\n"

        let experiment = try smallExperiment(in: directory)
        for arguments in [["sweep", experiment, "--db", db], ["query", "--db", db, "SELECT 1"], ["list", "--db", db]] {
            let output = try RunnerProcess.run(arguments)

            XCTAssertEqual(output.status, 2, output.transcript)
            XCTAssertEqual(output.stderr, message, arguments[0])
            XCTAssertEqual(output.stdout, "", arguments[0])
            XCTAssertEqual(try DatabaseFingerprint(of: db), before, arguments[0])
        }
    }

    /// A database on a read-only file system (root ignores permission bits,
    /// not a read-only mount): a sweep refuses it, a query still reads it.
    func testReadOnlyFileSystem() throws {
        let directory = try makeTemporaryDirectory()
        let mount = try TmpfsMount(size: "2m", in: directory, for: self)
        let db = (mount.path as NSString).appendingPathComponent("results.sqlite")
        let first = try sweepSmall(in: directory, db: db)
        XCTAssertEqual(first.status, 0, first.transcript)
        try mount.remountReadOnly()
        let before = try DatabaseFingerprint(of: db)

        // Grown with --replace, which the spec check (it only reads) lets through to the write.
        let output = try sweepSmall(in: directory, db: db, seeds: "[1, 2]", flags: ["--replace"])

        XCTAssertEqual(output.status, 1, output.transcript)
        XCTAssertEqual(
            output.stderr, "runner: error: \(db): is on a read-only file system (open it read-only, or copy it somewhere writable)\n")
        XCTAssertEqual(try DatabaseFingerprint(of: db), before)
        let query = try RunnerProcess.run(["query", "--db", db, "--csv", "SELECT status, count(*) AS n FROM runs GROUP BY status"])
        XCTAssertEqual(query.status, 0, query.transcript)
        XCTAssertEqual(query.stdout, "status,n\ndone,1\n")
    }

    /// The disk fills while a run is part-way: the sweep stops (no run is
    /// blamed as failed), says so in one line naming the database, leaves a
    /// sound file, and once space is freed the same command continues the
    /// unfinished runs after their last committed epoch and finishes the
    /// grid with the numbers of an uninterrupted sweep.
    func testDiskFullMidSweep() throws {
        let directory = try makeTemporaryDirectory()
        let mount = try TmpfsMount(size: "8m", in: directory, for: self)
        let sweep = try FaultSweep(in: URL(fileURLWithPath: mount.path))
        let child = try sweep.start(["--jobs", "1"], in: self)
        let session = try sweep.session(watching: child)
        try sweep.freeze(child, session, when: "a run part-way") { runs in
            runs.contains { $0.status == "running" && $0.epochs > 0 && $0.epochs < FaultSweep.epochs }
        }
        let filler = try mount.fill()
        try session.unlockWrites()
        session.close()
        let output = try child.waitForExit()

        XCTAssertEqual(output.status, 1, output.transcript)
        let errors = output.stderrLines.filter { $0.hasPrefix("runner: ") }
        XCTAssertEqual(errors.count, 1, output.transcript)
        XCTAssertEqual(output.stderrLines.last, errors.first)
        let error = try XCTUnwrap(errors.first)
        XCTAssertTrue(error.hasPrefix("runner: error: \(sweep.db): SQL error 13: database or disk is full"), error)
        XCTAssertTrue(error.hasSuffix(sweep.resumeHint(["--jobs", "1"])), error)
        XCTAssertTrue(output.stderrLines.contains { $0.contains("  stopped: the database failed  ") }, output.transcript)
        XCTAssertFalse(output.stderr.contains("failed:"), output.transcript)

        XCTAssertEqual(try sweep.integrity(), [["ok"]])
        let runs = try sweep.epochRanges()
        XCTAssertEqual(runs.count, FaultSweep.runCount)
        let checkpoints = try sweep.checkpoints()
        for run in runs {
            XCTAssertTrue(["pending", "running", "done"].contains(run[1]), "\(run)")
            if run[1] == "done" { XCTAssertEqual(run[2], "\(FaultSweep.epochs)", "\(run)") }
            // Every epoch committed came with its checkpoint, the failed write took neither.
            if run[1] != "done" { XCTAssertEqual(checkpoints[run[0]], run[2] == "0" ? nil : Int(run[2]), "\(run)") }
        }
        let kept = Dictionary(uniqueKeysWithValues: runs.filter { $0[1] != "done" }.map { ($0[0], Int($0[2]) ?? -1) })
        // The hand-back needs the disk too: a run it could not hand back
        // still names the dead sweep, for the next one to reclaim.
        let running = try SQLiteShell.query(sweep.db, "SELECT owner_pid FROM runs WHERE status = 'running'").rows
        XCTAssertEqual(running, Array(repeating: [String(child.pid)], count: running.count))
        XCTAssertEqual(
            error.contains("(unfinished runs stay marked running until the next sweep)"), !running.isEmpty, error)

        try FileManager.default.removeItem(atPath: filler)
        let resumed = try sweep.assertResumes(kept: kept)
        XCTAssertEqual(
            resumed.stderrLines.contains(
                "\(running.count) run(s) left running by a process that is gone will continue after their last recorded epoch"),
            !running.isEmpty, resumed.transcript)
    }

    // MARK: - Helpers

    private func assertRefused(_ contents: Data, exitCode: Int32, message: String, line: UInt = #line) throws {
        let directory = try makeTemporaryDirectory()
        let db = directory.appendingPathComponent("results.sqlite").path
        try contents.write(to: URL(fileURLWithPath: db))

        let output = try sweepSmall(in: directory, db: db)

        XCTAssertEqual(output.status, exitCode, output.transcript, line: line)
        XCTAssertEqual(output.stderr, "runner: error: \(db): \(message)\n", line: line)
        XCTAssertEqual(output.stdout, "", line: line)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: db)), contents, line: line)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted(), ["results.sqlite", "small.yaml"], line: line)
    }

    /// A two-epoch experiment on 200 images, written into `directory`.
    private func smallExperiment(in directory: URL, seeds: String = "[1]") throws -> String {
        let file = directory.appendingPathComponent("small.yaml").path
        try """
            name: small
            train_limit: 200
            test_limit: 100
            layers: [784, 10]
            epochs: 2
            batch: 10
            seeds: \(seeds)
            grid:
              eta: [3.0]

            """.write(toFile: file, atomically: false, encoding: .utf8)
        return file
    }

    private func sweepSmall(
        in directory: URL, db: String, seeds: String = "[1]", flags: [String] = []
    ) throws -> ProcessOutput {
        try RunnerProcess.run([
            "sweep", try smallExperiment(in: directory, seeds: seeds), "--db", db,
            "--out", directory.appendingPathComponent("out").path,
        ] + flags)
    }

    private func sqlite3(_ db: String, _ sql: String, line: UInt = #line) throws {
        let output = try RunnerProcess.execute(try XCTUnwrap(SQLiteShell.executable), [db, sql])
        XCTAssertEqual(output.status, 0, output.transcript, line: line)
    }
}
