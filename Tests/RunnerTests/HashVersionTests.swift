import Foundation
import XCTest

/// Runs trained by an older arithmetic (hash version 1, through OpenBLAS)
/// beside this runner's: kept as history, never averaged with the newer
/// runs, never mistaken for runs that differ.
final class HashVersionTests: XCTestCase {
    /// `runner verify` says the runs are from an older arithmetic, retrains
    /// none of them, and exits 1, as none was reproduced.
    func testVerifySaysVersion1RunsAreFromAnOlderArithmetic() throws {
        let sweep = try version1Sweep()

        let output = try RunnerProcess.run(["verify", "--experiment", "smoke", "--db", sweep.db])

        XCTAssertEqual(output.status, 1, output.transcript)
        XCTAssertEqual(output.stdoutLines, [
            "run 1 (784-30-10 eta=1.0 batch=10 seed=1): \(olderArithmetic)",
            "run 2 (784-30-10 eta=1.0 batch=10 seed=2): \(olderArithmetic)",
            "run 3 (784-30-10 eta=3.0 batch=10 seed=1): \(olderArithmetic)",
            "run 4 (784-30-10 eta=3.0 batch=10 seed=2): \(olderArithmetic)",
        ])
        XCTAssertEqual(output.stderrLines, ["runner: error: 0 of 4 run(s) reproduced: 4 from an older arithmetic"])

        let show = try RunnerProcess.run(["show", "3", "--db", sweep.db])
        XCTAssertEqual(show.status, 0, show.transcript)
        XCTAssertTrue(show.stdoutLines.contains("kernels         unknown"), show.transcript)
    }

    /// The last line counts the runs that differ apart from those of an
    /// older arithmetic.
    func testTheLastLineCountsEachReasonApart() throws {
        let sweep = SmokeSweep(in: try makeTemporaryDirectory())
        try sweep.runToCompletion()
        let stored = try SQLiteShell.query(sweep.db, "SELECT quote(test_accuracy) AS a FROM epochs WHERE run_id = 3 AND epoch = 1")
        let accuracy = try XCTUnwrap(Double(stored.rows[0][0]))
        try SQLiteShell.execute(sweep.db, """
            UPDATE epochs SET test_accuracy = test_accuracy + 1e-12 WHERE run_id = 3 AND epoch = 1;
            UPDATE runs SET params_json = replace(params_json, '"hash_version":2', '"hash_version":1'),
                            config_hash = '\(Self.version1Hashes[3].hash)', hash_version = 1, kernels = NULL
            WHERE id = 4;
            """)

        let output = try RunnerProcess.run(["verify", "1", "3", "4", "--db", sweep.db])

        XCTAssertEqual(output.status, 1, output.transcript)
        XCTAssertEqual(output.stdoutLines, [
            "run 1 (784-30-10 eta=1.0 batch=10 seed=1): 2 epochs identical",
            "run 3 (784-30-10 eta=3.0 batch=10 seed=1): DIFFERS at epoch 1 test_accuracy: stored \(accuracy + 1e-12), retrained \(accuracy)",
            "run 4 (784-30-10 eta=3.0 batch=10 seed=2): \(olderArithmetic)",
        ])
        XCTAssertEqual(output.stderrLines, ["runner: error: 1 of 3 run(s) reproduced: 1 differs, 1 from an older arithmetic"])
    }

    /// A run of a version newer than this runner's is not retrained either.
    func testVerifySaysARunOfANewerVersionIsFromANewerArithmetic() throws {
        let sweep = SmokeSweep(in: try makeTemporaryDirectory())
        try sweep.runToCompletion()
        try SQLiteShell.execute(sweep.db, "UPDATE runs SET hash_version = 3 WHERE id = 4")

        let output = try RunnerProcess.run(["verify", "3", "4", "--db", sweep.db])

        XCTAssertEqual(output.status, 1, output.transcript)
        XCTAssertEqual(output.stdoutLines, [
            "run 3 (784-30-10 eta=3.0 batch=10 seed=1): 2 epochs identical",
            "run 4 (784-30-10 eta=3.0 batch=10 seed=2): trained by hash version 3, a newer arithmetic; this runner "
                + "(hash version 2) cannot reproduce its bits, so it was not retrained; verify it with a newer runner",
        ])
        XCTAssertEqual(output.stderrLines, ["runner: error: 1 of 2 run(s) reproduced: 1 from a newer arithmetic"])
    }

    /// A shard an older runner trained, merged into a database of this
    /// runner's runs of the same experiment: the two versions of each
    /// configuration are distinct runs, both linked to the experiment, and
    /// the summaries keep them apart; verify reproduces the newer and
    /// names the older.
    func testMergingAVersion1ShardKeepsBothVersionsApart() throws {
        let old = try version1Sweep()
        let new = SmokeSweep(in: try makeTemporaryDirectory())
        try new.runToCompletion()
        let newHashes = try SQLiteShell.query(new.db, "SELECT config_hash FROM runs ORDER BY id").rows.map { $0[0] }
        XCTAssertEqual(Set(newHashes).intersection(Self.version1Hashes.map(\.hash)), [])

        let merge = try RunnerProcess.run(["merge", old.db, "--into", new.db])

        XCTAssertEqual(merge.status, 0, merge.transcript)
        XCTAssertEqual(merge.stdoutLines, ["\(old.db): 4 merged, 0 already present, 0 unfinished left out, 0 conflicts"])
        XCTAssertEqual(try old.databaseCompanions(), [])
        XCTAssertEqual(try SQLiteShell.query(new.db, """
            SELECT run_id, config_hash, eta, seed, position, status, hash_version FROM run_summary
            WHERE experiment = 'smoke' ORDER BY position, run_id
            """).rows, [
            ["1", newHashes[0], "1.0", "1", "0", "done", "2"], ["5", Self.version1Hashes[0].hash, "1.0", "1", "0", "done", "1"],
            ["2", newHashes[1], "1.0", "2", "1", "done", "2"], ["6", Self.version1Hashes[1].hash, "1.0", "2", "1", "done", "1"],
            ["3", newHashes[2], "3.0", "1", "2", "done", "2"], ["7", Self.version1Hashes[2].hash, "3.0", "1", "2", "done", "1"],
            ["4", newHashes[3], "3.0", "2", "3", "done", "2"], ["8", Self.version1Hashes[3].hash, "3.0", "2", "3", "done", "1"],
        ])
        // Both versions trained here with one arithmetic, so the two rows of a
        // configuration agree; apart, each counts its own two seeds.
        let configurations = try SQLiteShell.query(new.db, """
            SELECT eta, n_seeds, first_position, hash_version, quote(mean_best_accuracy) AS mean_best
            FROM config_summary WHERE experiment = 'smoke' ORDER BY first_position, hash_version
            """).rows
        XCTAssertEqual(configurations.map { Array($0[0 ..< 4]) }, [
            ["1.0", "2", "0", "1"], ["1.0", "2", "0", "2"], ["3.0", "2", "2", "1"], ["3.0", "2", "2", "2"],
        ])
        XCTAssertEqual(configurations[0][4], configurations[1][4])
        XCTAssertEqual(configurations[2][4], configurations[3][4])

        let verify = try RunnerProcess.run(["verify", "--experiment", "smoke", "--db", new.db])
        XCTAssertEqual(verify.status, 1, verify.transcript)
        XCTAssertEqual(verify.stdoutLines, [
            "run 1 (784-30-10 eta=1.0 batch=10 seed=1): 2 epochs identical",
            "run 5 (784-30-10 eta=1.0 batch=10 seed=1): \(olderArithmetic)",
            "run 2 (784-30-10 eta=1.0 batch=10 seed=2): 2 epochs identical",
            "run 6 (784-30-10 eta=1.0 batch=10 seed=2): \(olderArithmetic)",
            "run 3 (784-30-10 eta=3.0 batch=10 seed=1): 2 epochs identical",
            "run 7 (784-30-10 eta=3.0 batch=10 seed=1): \(olderArithmetic)",
            "run 4 (784-30-10 eta=3.0 batch=10 seed=2): 2 epochs identical",
            "run 8 (784-30-10 eta=3.0 batch=10 seed=2): \(olderArithmetic)",
        ])
        XCTAssertEqual(verify.stderrLines, ["runner: error: 4 of 8 run(s) reproduced: 4 from an older arithmetic"])
    }

    /// Sweeping the experiment again trains its runs under this runner's
    /// hash version; the older runs stay in `runs` with their epochs, unlinked.
    func testSweepOverVersion1RunsTrainsVersion2AndKeepsTheOldAsHistory() throws {
        let sweep = try version1Sweep()

        let output = try sweep.runToCompletion()

        XCTAssertTrue(output.stderr.contains("smoke: 4 runs, 0 already finished, training 4 "), output.transcript)
        XCTAssertEqual(try SQLiteShell.query(sweep.db, """
            SELECT r.id, r.hash_version, r.status, count(e.epoch) AS epochs
            FROM runs r LEFT JOIN epochs e ON e.run_id = r.id GROUP BY r.id ORDER BY r.id
            """).rows, [
            ["1", "1", "done", "2"], ["2", "1", "done", "2"], ["3", "1", "done", "2"], ["4", "1", "done", "2"],
            ["5", "2", "done", "2"], ["6", "2", "done", "2"], ["7", "2", "done", "2"], ["8", "2", "done", "2"],
        ])
        XCTAssertEqual(try SQLiteShell.query(sweep.db, """
            SELECT run_id, eta, seed, position, hash_version FROM run_summary ORDER BY experiment, position
            """).rows, [
            ["5", "1.0", "1", "0", "2"], ["6", "1.0", "2", "1", "2"], ["7", "3.0", "1", "2", "2"], ["8", "3.0", "2", "3", "2"],
        ])
        XCTAssertEqual(try SQLiteShell.query(sweep.db, """
            SELECT eta, n_seeds, hash_version FROM config_summary ORDER BY experiment, first_position
            """).rows, [["1.0", "2", "2"], ["3.0", "2", "2"]])
        let exported = try CSVTable(parsing: String(contentsOfFile: sweep.exportedFile("smoke-runs.csv"), encoding: .utf8))
        let linked = try SQLiteShell.query(sweep.db, "SELECT config_hash, hash_version FROM runs WHERE id >= 5 ORDER BY id")
        XCTAssertEqual(exported.records.map { [$0["config_hash"] ?? "", $0["hash_version"] ?? ""] }, linked.rows)
    }

    private let olderArithmetic = "trained by hash version 1, an older arithmetic; this runner (hash version 2) "
        + "cannot reproduce its bits, so it was not retrained; sweep its experiment again to train it anew"

    /// The config hashes that the runner of hash version 1 (commit f2ffcdf,
    /// through OpenBLAS) gave smoke's runs, in expansion order.
    private static let version1Hashes: [(eta: Double, seed: Int, hash: String)] = [
        (1.0, 1, "cba7edafb79f2948f61eb87bee823b36e297d2887f826ef16ea3fc36a90a07ed"),
        (1.0, 2, "65888e9d32efd62b5b0ba788b9285e49249f84abad953aa50dc32c362d697d2d"),
        (3.0, 1, "8f2fe40c6414cd344ecf7cd16ae3ae716ad28bddd09a363786ace2cd89fbc2cb"),
        (3.0, 2, "22bed08b369954e1238321c05a4238f64d85e32d8585de96129713b9db117f94"),
    ]

    /// A finished smoke sweep whose runs are rewritten into the version-1
    /// runs an older runner left: their canonical JSON, identity and hash
    /// version, and no kernels recorded. Their epochs stay as trained here.
    private func version1Sweep() throws -> SmokeSweep {
        let sweep = SmokeSweep(in: try makeTemporaryDirectory())
        try sweep.runToCompletion()
        let hashes = Self.version1Hashes.map { "WHEN eta = \($0.eta) AND seed = \($0.seed) THEN '\($0.hash)'" }
        try SQLiteShell.execute(sweep.db, """
            UPDATE runs SET params_json = replace(params_json, '"hash_version":2', '"hash_version":1'),
                            config_hash = CASE \(hashes.joined(separator: " ")) END,
                            hash_version = 1, kernels = NULL
            """)
        XCTAssertEqual(try SQLiteShell.query(sweep.db, """
            SELECT config_hash, json_extract(params_json, '$.hash_version') AS version FROM runs ORDER BY id
            """).rows, Self.version1Hashes.map { [$0.hash, "1"] })
        return sweep
    }
}
