import Foundation
import XCTest

/// Databases that fuzzing the store's read side (Fuzz/, FuzzDatabase) found
/// mishandled, kept in `Tests/Corpus/databases`: `runner list` and
/// `runner show` answer each at once with one line naming the file, exit
/// code 2, and leave it byte for byte as it was.
final class DatabaseCorpusTests: XCTestCase {
    private static let corpus = RunnerProcess.repositoryRoot.appendingPathComponent("Tests/Corpus/databases")

    /// A results database whose `grdb_migrations` records v6 twice and not
    /// v7: the copy read-only opening upgrades in memory fails to migrate
    /// ("already exists"), which was retried as a race with another process
    /// for the 10 s busy timeout; it is refused at once.
    func testMigrationRecordedTwice() throws {
        try assertRefused(
            "migration-recorded-twice.db",
            message: "has a schema this runner cannot bring up to date (SQLite: table decisions already exists)")
    }

    /// A results database whose `runs` table has `l1` where `l2` should
    /// be, its migrations all recorded: reading a run decoded the missing
    /// column and trapped. The columns are checked on opening.
    func testColumnRenamed() throws {
        try assertRefused(
            "column-renamed.db", message: "is not a results database this runner can read: runs has no column l2")
    }

    /// A results database with an `experiments` row whose `name` is NULL,
    /// which SQLite does not check on read: `runner list` decoded it as a
    /// String that cannot be missing and trapped in GRDB. Reads decode with
    /// errors; the value is refused as input.
    func testNullWhereTheSchemaAllowsNone() throws {
        let directory = try makeTemporaryDirectory()
        let db = directory.appendingPathComponent("experiment-name-null.db")
        try FileManager.default.copyItem(at: Self.corpus.appendingPathComponent("experiment-name-null.db"), to: db)
        let before = try Data(contentsOf: db)
        let output = try RunnerProcess.run(["list", "--db", db.path])
        XCTAssertEqual(output.status, 2, output.transcript)
        XCTAssertEqual(
            output.stderr,
            "runner: error: \(db.path): is not a results database this runner can read: column name holds NULL where a String belongs\n")
        XCTAssertEqual(output.stdout, "")
        XCTAssertEqual(try Data(contentsOf: db), before)
    }

    private func assertRefused(_ name: String, message: String, line: UInt = #line) throws {
        let directory = try makeTemporaryDirectory()
        let db = directory.appendingPathComponent(name)
        try FileManager.default.copyItem(at: Self.corpus.appendingPathComponent(name), to: db)
        let before = try Data(contentsOf: db)
        for arguments in [["list"], ["list", "eta"], ["show", "1"]] {
            let started = Date()
            let output = try RunnerProcess.run(arguments + ["--db", db.path])
            XCTAssertLessThan(Date().timeIntervalSince(started), 5, "\(arguments)", line: line)
            XCTAssertEqual(output.status, 2, output.transcript, line: line)
            XCTAssertEqual(output.stderr, "runner: error: \(db.path): \(message)\n", line: line)
            XCTAssertEqual(output.stdout, "", line: line)
        }
        XCTAssertEqual(try Data(contentsOf: db), before, line: line)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory.path), [name], line: line)
    }
}
