import Foundation
import XCTest

/// A results database with pages overwritten, as a failing disk leaves one:
/// every command that writes refuses it before writing, in one line with
/// SQLite's finding and the way out, and leaves it byte for byte as it was,
/// its write-ahead log included; `check` lists what is wrong, and
/// `recover` saves what can still be read without touching it.
final class DatabaseDamageTests: XCTestCase {
    /// A data page of `epochs`, the one page of `runs`, and the schema page
    /// (page 1, past its header), each in a file whose write-ahead log holds
    /// a commit: sweep, merge and gc each exit 1 with the same line.
    func testDamagedPagesAreRefusedBeforeAnyWrite() throws {
        let directory = try makeTemporaryDirectory()
        let source = try DamagedDatabase(in: directory.appendingPathComponent("source"))
        let pageSize = try source.pageSize()
        let epochsLeaf = try XCTUnwrap(try source.leafPages(of: "epochs").dropFirst().first).page
        let runsPage = try source.rootPage(of: "runs")
        let cases: [(what: String, page: Int, finding: String, statement: String?)] = [
            ("a data page of epochs", epochsLeaf, "Page \(epochsLeaf): btreeInitPage() returns error code 11", nil),
            ("the page of runs", runsPage, "Page \(runsPage): btreeInitPage() returns error code 11", nil),
            ("the schema page", 1, "database disk image is malformed", "SELECT * FROM sqlite_master …"),
        ]
        for (index, damage) in cases.enumerated() {
            let db = try withCommitInLog(source.db, into: directory.appendingPathComponent("case\(index)"))
            try DamagedDatabase.overwrite(page: damage.page, of: db, pageSize: pageSize)
            let before = try DatabaseFingerprint(of: db)
            XCTAssertGreaterThan(before.log.count, 0, damage.what)
            let out = directory.appendingPathComponent("out\(index)").path

            for arguments in [
                ["sweep", source.file, "--db", db, "--out", out], ["merge", source.db, "--into", db], ["gc", "--db", db, "--yes"],
            ] {
                let output = try RunnerProcess.run(arguments)

                XCTAssertEqual(output.status, 1, "\(damage.what), \(arguments[0]): \(output.transcript)")
                XCTAssertEqual(
                    output.stderr, DamagedDatabase.refusal(db, finding: damage.finding, statement: damage.statement),
                    "\(damage.what), \(arguments[0])")
                XCTAssertEqual(output.stdout, "", "\(damage.what), \(arguments[0])")
                XCTAssertEqual(try DatabaseFingerprint(of: db), before, "\(damage.what), \(arguments[0])")
            }
            XCTAssertFalse(FileManager.default.fileExists(atPath: out), damage.what)
        }
    }

    /// A damaged shard: merge names the shard, not the database it merges
    /// into, and leaves both as they were.
    func testMergeOfADamagedShardNamesTheShard() throws {
        let directory = try makeTemporaryDirectory()
        let shard = try DamagedDatabase(in: directory.appendingPathComponent("shard"))
        let target = try makeDatabaseWithOneFinishedRun(in: directory)
        let leaf = try XCTUnwrap(try shard.leafPages(of: "epochs").first).page
        try DamagedDatabase.overwrite(page: leaf, of: shard.db, pageSize: try shard.pageSize())
        let before = [try DatabaseFingerprint(of: shard.db), try DatabaseFingerprint(of: target)]

        let output = try RunnerProcess.run(["merge", shard.db, "--into", target])

        XCTAssertEqual(output.status, 1, output.transcript)
        XCTAssertEqual(output.stderr, DamagedDatabase.refusal(shard.db, finding: "Page \(leaf): btreeInitPage() returns error code 11"))
        XCTAssertEqual([try DatabaseFingerprint(of: shard.db), try DatabaseFingerprint(of: target)], before)
    }

    /// `runner check` on a sound database, on one the runner's rules find
    /// wrong (each kind of problem, one line each), and on a damaged one.
    func testCheckNamesEachProblem() throws {
        let directory = try makeTemporaryDirectory()
        let database = try DamagedDatabase(in: directory)
        let db = database.db

        let sound = try RunnerProcess.run(["check", "--db", db])
        XCTAssertEqual(sound.status, 0, sound.transcript)
        XCTAssertEqual(sound.stdout, "\(db): ok, 1 experiment, 4 runs, 240 epochs\n")
        XCTAssertEqual(sound.stderr, "")

        let runs = try SQLiteShell.query(db, "SELECT id, substr(config_hash, 1, 12) FROM runs ORDER BY id").rows
        XCTAssertEqual(runs.count, DamagedDatabase.runCount)
        let hash = Dictionary(uniqueKeysWithValues: runs.map { ($0[0], $0[1]) })
        let bestAccuracy = try XCTUnwrap(try SQLiteShell.query(
            db, "SELECT quote(max(test_accuracy)) FROM epochs WHERE run_id = 3").rows.first?.first)
        try SQLiteShell.execute(db, """
            UPDATE runs SET epochs = 61 WHERE id = 1;
            UPDATE epochs SET epoch = 0 WHERE run_id = 2 AND epoch = 1;
            UPDATE runs SET best_accuracy = 0.5 WHERE id = 3;
            INSERT INTO checkpoints (run_id, epoch, state) VALUES (4, 60, x'00');
            INSERT INTO epochs (run_id, epoch, train_cost, test_cost, test_accuracy, seconds) VALUES (99, 1, 1, 1, 0.5, 1);
            """)

        let output = try RunnerProcess.run(["check", "--db", db])

        XCTAssertEqual(output.status, 1, output.transcript)
        XCTAssertEqual(output.stdoutLines, [
            "epochs row 241: refers to a row of runs that does not exist",
            "run 1 (\(hash["1"]!), done): 60 epochs, but a done run of 61 epochs should have 61",
            "run 2 (\(hash["2"]!), done): epochs are not 1…n: 60 epochs numbered 0 to 60",
            "run 3 (\(hash["3"]!), done): best_accuracy is 0.5, but its epochs give \(bestAccuracy)",
            "run 4 (\(hash["4"]!), done): keeps a checkpoint (after epoch 60), which a finished run does not",
        ])
        XCTAssertEqual(output.stderr, "runner: error: \(db): 5 problems found\n")

        let leaf = try XCTUnwrap(try database.leafPages(of: "epochs").first).page
        try DamagedDatabase.overwrite(page: leaf, of: db, pageSize: try database.pageSize())
        let damaged = try RunnerProcess.run(["check", "--db", db])
        XCTAssertEqual(damaged.status, 1, damaged.transcript)
        XCTAssertEqual(damaged.stdout, "SQLite: Page \(leaf): btreeInitPage() returns error code 11\n")
        XCTAssertEqual(damaged.stderr, "runner: error: \(db): 1 problem found\n")
    }

    /// A data page of `epochs` overwritten: `recover` copies every other row,
    /// with its numbers, says how many epochs of each run came back, and
    /// leaves the damaged file as it was; without sqlite3 on PATH too.
    func testRecoverSavesEveryReadableEpoch() throws {
        let directory = try makeTemporaryDirectory()
        let database = try DamagedDatabase(in: directory)
        let db = database.db
        let original = try DamagedDatabase.epochRows(of: db)
        XCTAssertEqual(original.count, DamagedDatabase.runCount * DamagedDatabase.epochs)
        // The rows of a leaf page are the rowids after those of the leaves before it.
        let leaves = try database.leafPages(of: "epochs")
        XCTAssertGreaterThan(leaves.count, 2)
        let lostPage = leaves[1]
        let lost = Set(original.dropFirst(leaves[0].cells).prefix(lostPage.cells).map { $0[0] })
        XCTAssertEqual(original.map { $0[0] }, (1 ... original.count).map(String.init))
        try DamagedDatabase.overwrite(page: lostPage.page, of: db, pageSize: try database.pageSize())
        let before = try DatabaseFingerprint(of: db)
        let kept = original.filter { !lost.contains($0[0]) }
        let runs = try SQLiteShell.query(db, "SELECT id, config_hash FROM runs ORDER BY id").rows
        let incomplete = runs.compactMap { run -> String? in
            let recovered = kept.filter { $0[1] == run[1] }.count
            guard recovered < DamagedDatabase.epochs else { return nil }
            return "run \(run[0]) (\(run[1].prefix(12)), done): \(recovered) of \(DamagedDatabase.epochs) epochs"
        }
        XCTAssertFalse(incomplete.isEmpty)

        for (name, environment) in [("with-shell", [String: String]()), ("without-shell", ["PATH": "/nonexistent"])] {
            let new = directory.appendingPathComponent("\(name).sqlite").path

            let output = try RunnerProcess.run(["recover", db, "--to", new], environment: environment)

            XCTAssertEqual(output.status, 0, "\(name): \(output.transcript)")
            XCTAssertEqual(output.stderr, "", name)
            let counts = "1 experiment, 4 runs, \(kept.count) of \(original.count) epochs"
            let first = try XCTUnwrap(output.stdoutLines.first, name)
            if environment.isEmpty {
                XCTAssertTrue(first.hasPrefix("recovered \(db) into \(new) with "), first)
                XCTAssertTrue(first.hasSuffix(": \(counts)"), first)
            } else {
                XCTAssertEqual(first, "recovered \(db) into \(new) with a table-by-table copy (no sqlite3 on PATH): \(counts)")
            }
            XCTAssertEqual(Array(output.stdoutLines.dropFirst()), incomplete, name)
            XCTAssertEqual(try DamagedDatabase.epochRows(of: new), kept, name)
            XCTAssertEqual(try DatabaseFingerprint(of: db), before, name)
            XCTAssertEqual(try SQLiteShell.query(new, "PRAGMA integrity_check").rows, [["ok"]], name)
        }
    }

    /// recover writes only a new file: an existing one is refused and kept,
    /// and so is a damaged database that does not exist.
    func testRecoverRefusesAnExistingFileAndAMissingDatabase() throws {
        let directory = try makeTemporaryDirectory()
        let db = try makeDatabaseWithOneFinishedRun(in: directory)
        let taken = directory.appendingPathComponent("taken.sqlite").path
        try Data("mine".utf8).write(to: URL(fileURLWithPath: taken))
        let missing = directory.appendingPathComponent("missing.sqlite").path
        let new = directory.appendingPathComponent("new.sqlite").path

        let existing = try RunnerProcess.run(["recover", db, "--to", taken])
        let absent = try RunnerProcess.run(["recover", missing, "--to", new])

        XCTAssertEqual(existing.status, 2, existing.transcript)
        XCTAssertEqual(existing.stderr, "runner: error: \(taken): already exists; recover into a new file\n")
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: taken)), Data("mine".utf8))
        XCTAssertEqual(absent.status, 2, absent.transcript)
        XCTAssertEqual(absent.stderr, "runner: error: \(missing): does not exist\n")
        XCTAssertFalse(FileManager.default.fileExists(atPath: new))
    }

    /// A copy of `db` in `directory` whose write-ahead log holds a commit
    /// that is not in the file: taken while a connection that made it still
    /// has the database open, since the last connection to close folds the
    /// log back in.
    private func withCommitInLog(_ db: String, into directory: URL) throws -> String {
        let files = FileManager.default
        try files.createDirectory(at: directory, withIntermediateDirectories: true)
        let staging = directory.appendingPathComponent("staging.sqlite").path
        try files.copyItem(atPath: db, toPath: staging)
        let session = try SQLiteSession(staging)
        defer { session.close() }
        _ = try session.rows("PRAGMA wal_autocheckpoint = 0")
        _ = try session.rows("UPDATE experiments SET description = 'changed in the log'")
        let copy = directory.appendingPathComponent("results.sqlite").path
        try files.copyItem(atPath: staging, toPath: copy)
        try files.copyItem(atPath: staging + "-wal", toPath: copy + "-wal")
        return copy
    }
}
