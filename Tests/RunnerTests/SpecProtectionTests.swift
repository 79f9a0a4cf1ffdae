import Foundation
import XCTest

/// Another file under a registered experiment's name is refused, leaving
/// the database as it was, unless the sweep is told to replace it.
final class SpecProtectionTests: XCTestCase {
    /// Smoke's name on another spec: one seed instead of two, another description.
    private func writeImpostor(in directory: URL) throws -> String {
        let smoke = try String(contentsOfFile: SmokeSweep.experimentFile, encoding: .utf8)
        let path = directory.appendingPathComponent("mine.yaml").path
        try smoke
            .replacingOccurrences(of: "seeds: [1, 2]", with: "seeds: [1]")
            .replacingOccurrences(of: "description: Two learning rates, two seeds, two epochs on 1,000 images",
                                  with: "description: mine")
            .write(toFile: path, atomically: false, encoding: .utf8)
        return path
    }

    func testAnotherSpecUnderTheNameIsRefusedAndTheDatabaseLeftByteForByte() throws {
        let sweep = SmokeSweep(in: try makeTemporaryDirectory())
        try sweep.runToCompletion(["--quiet"])
        let impostor = try writeImpostor(in: sweep.directory)
        let stored = try SQLiteShell.query(sweep.db, "SELECT spec_sha256, registered_at FROM experiment_versions").rows[0]
        let before = try DatabaseFingerprint(of: sweep.db)

        let output = try RunnerProcess.run(["sweep", impostor, "--db", sweep.db, "--out", sweep.out])

        XCTAssertEqual(output.status, 2, output.transcript)
        XCTAssertEqual(output.stdout, "")
        XCTAssertEqual(output.stderr, """
            runner: error: \(impostor): experiment 'smoke' is already registered in \(sweep.db) with another spec \
            (sha256 \(stored[0].prefix(12)), registered \(stored[1]) from experiments/smoke.yaml); this file changes:
              - description: Two learning rates, two seeds, two epochs on 1,000 images
              + description: mine
              - seeds: [1, 2]
              + seeds: [1]
            To make this spec the experiment's new version (the old one stays in experiment_versions), sweep again \
            with --replace; to keep both, give this one another name (name: in the file, or --set name=NEW).

            """)
        XCTAssertEqual(try DatabaseFingerprint(of: sweep.db), before)

        let dryRun = try RunnerProcess.run(["sweep", impostor, "--db", sweep.db, "--dry-run"])
        XCTAssertEqual(dryRun.status, 0, dryRun.transcript)
        XCTAssertEqual(dryRun.stdoutLines.last,
                       "smoke is registered in \(sweep.db) with another spec (sha256 \(stored[0].prefix(12))): "
                           + "a sweep needs --replace or another name")
    }

    /// `--replace`: the new spec is current, the old one an earlier version,
    /// and the runs of the seed the new spec drops stay in the database,
    /// linked to no experiment.
    func testReplaceKeepsBothVersionsAndLeavesTheDroppedRunsUnlinked() throws {
        let sweep = SmokeSweep(in: try makeTemporaryDirectory())
        try sweep.runToCompletion(["--quiet"])
        let impostor = try writeImpostor(in: sweep.directory)

        let output = try RunnerProcess.run(["sweep", impostor, "--db", sweep.db, "--out", sweep.out, "--replace", "--quiet"])

        XCTAssertEqual(output.status, 0, output.transcript)
        let smoke = try String(contentsOfFile: SmokeSweep.experimentFile, encoding: .utf8)
        let mine = try String(contentsOfFile: impostor, encoding: .utf8)
        XCTAssertEqual(try SQLiteShell.query(sweep.db, """
            SELECT v.id, e.name, v.spec_yaml, v.source_path FROM experiment_versions v
            JOIN experiments e ON e.id = v.experiment_id ORDER BY v.id
            """).rows, [["1", "smoke", smoke, SmokeSweep.experimentFile], ["2", "smoke", mine, impostor]])
        XCTAssertEqual(try SQLiteShell.query(sweep.db, "SELECT description, spec_yaml FROM experiments").rows,
                       [["mine", mine]])
        XCTAssertEqual(try SQLiteShell.query(sweep.db, "SELECT seed, count(*) FROM run_summary GROUP BY seed").rows,
                       [["1", "2"]])
        XCTAssertEqual(try SQLiteShell.query(sweep.db, """
            SELECT seed, status, count(*) FROM runs WHERE id NOT IN (SELECT run_id FROM experiment_runs) GROUP BY seed
            """).rows, [["2", "done", "2"]])
    }

    /// Sweeping the same file again is no new version and needs no --replace.
    func testTheSameSpecAgainIsNoNewVersion() throws {
        let sweep = SmokeSweep(in: try makeTemporaryDirectory())
        try sweep.runToCompletion(["--quiet"])
        try sweep.runToCompletion(["--quiet"])
        XCTAssertEqual(try SQLiteShell.query(sweep.db, "SELECT count(*) FROM experiment_versions").rows, [["1"]])
    }

    /// At most 12 changed lines, then how many more; a comment is a change too.
    func testTheChangesShownAreCapped() throws {
        let directory = try makeTemporaryDirectory()
        let db = try makeDatabaseWithOneFinishedRun(in: directory)
        let good = directory.appendingPathComponent("good.yaml").path
        let text = try String(contentsOfFile: good, encoding: .utf8)
        let edited = directory.appendingPathComponent("edited.yaml").path
        let comments = (1...14).map { "# note \($0)\n" }.joined()
        try (text.replacingOccurrences(of: "epochs: 1\n", with: "epochs: 2\n") + comments)
            .write(toFile: edited, atomically: false, encoding: .utf8)

        let output = try RunnerProcess.run(["sweep", edited, "--db", db])

        XCTAssertEqual(output.status, 2, output.transcript)
        XCTAssertEqual(Array(output.stderrLines.dropFirst().dropLast()), [
            "  - epochs: 1", "  + epochs: 2",
        ] + (1...10).map { "  + # note \($0)" } + ["  … and 4 more changed lines"])
    }
}
