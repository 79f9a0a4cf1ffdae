import Foundation
import XCTest

/// `runner backup` while a real sweep in another process writes: the copy
/// is one sound file, not in WAL mode, with every epoch committed before it
/// began, numbers equal to the sweep's own, and the sweep goes on.
final class BackupCommandTests: XCTestCase {
    func testBackupWhileASweepWrites() throws {
        let directory = try makeTemporaryDirectory()
        let sweep = try FaultSweep(in: directory.appendingPathComponent("sweep"))
        let child = try sweep.start(["--jobs", "1"], in: self)
        let session = try sweep.session(watching: child)
        defer { session.close() }
        try sweep.freeze(child, session, when: "a run part-way") { runs in
            runs.contains { $0.status == "running" && $0.epochs > 0 && $0.epochs < FaultSweep.epochs }
        }
        let committed = try session.rows("SELECT count(*) FROM epochs").first?.first
        try session.unlockWrites()
        let before = try DamagedDatabase.epochRows(of: sweep.db)
        XCTAssertEqual(before.count, Int(committed ?? ""))
        let copy = directory.appendingPathComponent("backup.sqlite").path

        let output = try RunnerProcess.run(["backup", "--db", sweep.db, "--to", copy])

        XCTAssertEqual(output.status, 0, output.transcript)
        XCTAssertEqual(output.stderr, "")
        let line = try XCTUnwrap(output.stdoutLines.first)
        XCTAssertEqual(output.stdoutLines.count, 1, output.transcript)
        XCTAssertTrue(line.hasPrefix("backed up \(sweep.db) into \(copy): 1 experiment, 4 runs, "), line)
        XCTAssertEqual(
            try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted(), ["backup.sqlite", "sweep"])
        XCTAssertEqual(try SQLiteShell.query(copy, "PRAGMA journal_mode").rows, [["delete"]])
        let check = try RunnerProcess.run(["check", "--db", copy])
        XCTAssertEqual(check.status, 0, check.transcript)
        XCTAssertTrue(check.stdout.hasPrefix("\(copy): ok, 1 experiment, 4 runs, "), check.stdout)

        // Every epoch committed before the backup, with the same numbers;
        // and no epoch the sweep did not commit. By run and epoch, not rowid,
        // which VACUUM may renumber.
        let copied = try Self.epochs(of: copy)
        XCTAssertTrue(line.hasSuffix(", \(copied.count) epochs"), line)
        XCTAssertTrue(try Self.epochs(of: sweep.db, rows: before).isSubset(of: copied))
        XCTAssertTrue(child.isRunning, "the sweep ended before the backup did; nothing shows it went on writing")
        child.signal(SIGTERM)
        let finished = try child.waitForExit()
        XCTAssertEqual(finished.status, 143, finished.transcript)
        let after = try Self.epochs(of: sweep.db)
        XCTAssertGreaterThan(after.count, copied.count)
        XCTAssertTrue(copied.isSubset(of: after))
    }

    /// Each epoch's row without its rowid: run, epoch and numbers.
    private static func epochs(of db: String, rows: [[String]]? = nil) throws -> Set<[String]> {
        Set(try (rows ?? DamagedDatabase.epochRows(of: db)).map { Array($0.dropFirst()) })
    }

    /// A backup never overwrites: an existing file is refused and kept.
    func testBackupRefusesAnExistingFile() throws {
        let directory = try makeTemporaryDirectory()
        let db = try makeDatabaseWithOneFinishedRun(in: directory)
        let copy = directory.appendingPathComponent("taken.sqlite").path
        try Data("mine".utf8).write(to: URL(fileURLWithPath: copy))

        let output = try RunnerProcess.run(["backup", "--db", db, "--to", copy])

        XCTAssertEqual(output.status, 2, output.transcript)
        XCTAssertEqual(output.stderr, "runner: error: \(copy): already exists; back up into a new file\n")
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: copy)), Data("mine".utf8))
    }
}
