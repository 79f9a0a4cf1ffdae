import Foundation
import XCTest

/// `make check`, `runner verify` and `runner show`: the tools a reader uses
/// to confirm that committed and stored numbers come from the source.
final class ReproducibilityTests: XCTestCase {
    /// `make check` against smoke exports made by the same runner passes, and
    /// fails, naming the field, once a committed number is altered.
    func testMakeCheckPassesOnFreshExportsAndFailsOnAnAlteredNumber() throws {
        let committed = try makeTemporaryDirectory()
        let variables = [
            "RUNNER=\(try XCTUnwrap(RunnerProcess.executable).path)", "RESULTS=\(committed.path)",
            "CHECK_EXPERIMENTS=experiments/smoke.yaml",
        ]
        let reproduce = try make(["\(committed.path)/smoke-configs.csv"] + variables)
        XCTAssertEqual(reproduce.status, 0, reproduce.transcript)

        let check = try make(["check"] + variables)
        XCTAssertEqual(check.status, 0, check.transcript)
        XCTAssertTrue(check.stdout.contains("identical to the committed results: smoke"), check.transcript)

        // Line 4 is the second run's first epoch; its fields hold no commas or quotes.
        let epochsFile = committed.appendingPathComponent("smoke-epochs.csv")
        var lines = try String(contentsOf: epochsFile, encoding: .utf8).components(separatedBy: "\n")
        let column = try XCTUnwrap(lines[0].components(separatedBy: ",").firstIndex(of: "test_accuracy"))
        var fields = lines[3].components(separatedBy: ",")
        let original = fields[column]
        fields[column] = "0.123"
        lines[3] = fields.joined(separator: ",")
        try lines.joined(separator: "\n").write(to: epochsFile, atomically: false, encoding: .utf8)

        let altered = try make(["check"] + variables)
        XCTAssertNotEqual(altered.status, 0, altered.transcript)
        XCTAssertTrue(
            altered.stdout.contains("smoke-epochs.csv:4: layers=784-30-10 eta=1.0 batch_size=10 init=normal seed=2 epoch=1: test_accuracy committed 0.123, fresh \(original)"),
            altered.transcript)
        XCTAssertTrue(altered.stdout.contains("1 difference(s) from the committed results"), altered.transcript)
    }

    func testVerifyReproducesStoredRunsBitForBit() throws {
        let sweep = SmokeSweep(in: try makeTemporaryDirectory())
        try sweep.runToCompletion()
        let output = try RunnerProcess.run(["verify", "--experiment", "smoke", "--db", sweep.db])
        XCTAssertEqual(output.status, 0, output.transcript)
        XCTAssertEqual(output.stdoutLines, [
            "run 1 (784-30-10 eta=1.0 batch=10 seed=1): 2 epochs identical",
            "run 2 (784-30-10 eta=1.0 batch=10 seed=2): 2 epochs identical",
            "run 3 (784-30-10 eta=3.0 batch=10 seed=1): 2 epochs identical",
            "run 4 (784-30-10 eta=3.0 batch=10 seed=2): 2 epochs identical",
            "4 run(s) reproduced bit for bit",
        ])
    }

    func testVerifyReportsAnAlteredRunAtTheEpochThatDiffers() throws {
        let sweep = SmokeSweep(in: try makeTemporaryDirectory())
        try sweep.runToCompletion()
        let stored = try SQLiteShell.query(sweep.db, "SELECT quote(test_accuracy) AS a FROM epochs WHERE run_id = 3 AND epoch = 2")
        let shell = try XCTUnwrap(SQLiteShell.executable)
        let update = try RunnerProcess.execute(
            shell, [sweep.db, "UPDATE epochs SET test_accuracy = test_accuracy + 1e-12 WHERE run_id = 3 AND epoch = 2"])
        XCTAssertEqual(update.status, 0, update.transcript)

        let output = try RunnerProcess.run(["verify", "3", "--db", sweep.db])
        XCTAssertEqual(output.status, 1, output.transcript)
        let accuracy = try XCTUnwrap(Double(stored.rows[0][0]))
        XCTAssertEqual(output.stdoutLines, [
            "run 3 (784-30-10 eta=3.0 batch=10 seed=1): DIFFERS at epoch 2 test_accuracy: stored \(accuracy + 1e-12), retrained \(accuracy)",
        ])
        XCTAssertEqual(output.stderrLines, ["runner: error: 0 of 1 run(s) reproduced: 1 differs"])
    }

    func testShowPrintsConfigurationProvenanceAndEpochs() throws {
        let sweep = SmokeSweep(in: try makeTemporaryDirectory())
        try sweep.runToCompletion(environment: ["RUNNER_KERNELS": "portable"])
        let output = try RunnerProcess.run(["show", "4", "--db", sweep.db])
        XCTAssertEqual(output.status, 0, output.transcript)
        let lines = output.stdoutLines
        XCTAssertEqual(lines.first, "run 4 of experiment smoke")
        for expected in [
            "layers          784-30-10", "eta             3.0", "epochs          2", "batch           10",
            "init            normal", "seed            2", "train / test    1000 / 500", "status          done",
            "dataset         mnist (sha256 b2d8f5bf39174ee5ffeefa97e42d673c35432b411bb5d1f74fbbeddae7f1690a)",
        ] {
            XCTAssertTrue(lines.contains(expected), "missing \(expected)\n\(output.transcript)")
        }
        let provenance = try XCTUnwrap(lines.firstIndex { $0.hasPrefix("runner ") }, output.transcript)
        XCTAssertEqual(Array(lines[provenance...].prefix(3)), [
            "runner          0.1.0, commit \(try gitCommit())",
            "kernels         portable",
            "host            \(ProcessInfo.processInfo.hostName)",
        ])
        XCTAssertTrue(lines.contains { $0.hasPrefix("epoch  ") && $0.contains("test_accuracy") }, output.transcript)
        XCTAssertEqual(lines.filter { $0.range(of: #"^\s+[12]\s"#, options: .regularExpression) != nil }.count, 2, output.transcript)
        // The epoch chosen on the validation set, as the database has it; the default options and validation set go unsaid.
        let outcome = try XCTUnwrap(SQLiteShell.query(sweep.db, """
            SELECT quote(best_validation_accuracy), best_validation_epoch, quote(test_accuracy_at_best_validation),
                   quote(best_accuracy), best_epoch, quote(final_accuracy)
            FROM runs WHERE id = 4
            """).rows.first)
        let number = { (text: String) in try XCTUnwrap(Double(text)) }
        XCTAssertTrue(lines.contains(
            "best validation \(try number(outcome[0])) (epoch \(outcome[1])), test accuracy there \(try number(outcome[2]))"),
            output.transcript)
        XCTAssertTrue(lines.contains(
            "best test       \(try number(outcome[3])) (epoch \(outcome[4]), chosen on the test set: optimistic)"),
            output.transcript)
        XCTAssertTrue(lines.contains("final           \(try number(outcome[5]))"), output.transcript)
        XCTAssertTrue(lines.contains { $0.hasPrefix("epoch  ") && $0.hasSuffix("validation_cost  validation_accuracy  seconds") },
                      output.transcript)
        for absent in ["cost ", "l2 ", "momentum ", "patience ", "eta_halving ", "validation ", "stopped early "] {
            XCTAssertFalse(lines.contains { $0.hasPrefix(absent) }, "\(absent)\n\(output.transcript)")
        }

        let missing = try RunnerProcess.run(["show", "99", "--db", sweep.db])
        XCTAssertEqual(missing.status, 2, missing.transcript)
        XCTAssertEqual(missing.stderrLines, ["runner: error: \(sweep.db): no run has the id 99 or a config_hash starting with 99"])
    }

    /// The options that differ from their defaults, the validation set
    /// when it is not the default one, why the run stopped early, and each
    /// epoch's η once η can change.
    func testShowPrintsTheOptionsTheValidationSetAndTheStopReason() throws {
        let sweep = SmokeSweep(in: try makeTemporaryDirectory())
        try sweep.runToCompletion(["--quiet"])
        try SQLiteShell.execute(sweep.db, """
            UPDATE runs SET cost = 'cross_entropy', l2 = 5, momentum = 0.5, patience = 2, eta_halving = 3,
                            validation_size = 5000, stop_reason = 'no new best validation accuracy in 2 epochs'
            WHERE id = 2;
            UPDATE epochs SET eta = 0.5 WHERE run_id = 2 AND epoch = 2;
            UPDATE runs SET validation_size = NULL WHERE id = 3;
            """)

        let output = try RunnerProcess.run(["show", "2", "--db", sweep.db])

        XCTAssertEqual(output.status, 0, output.transcript)
        let lines = output.stdoutLines
        let initLine = try XCTUnwrap(lines.firstIndex(of: "init            normal"), output.transcript)
        XCTAssertEqual(Array(lines[initLine...].prefix(7)), [
            "init            normal", "cost            cross_entropy", "l2              5.0", "momentum        0.5",
            "patience        2", "eta_halving     3", "seed            2",
        ])
        let sizes = try XCTUnwrap(lines.firstIndex(of: "train / test    1000 / 500"), output.transcript)
        XCTAssertEqual(Array(lines[sizes...].prefix(4)), [
            "train / test    1000 / 500", "validation      5000 (the last of the training split)", "status          done",
            "stopped early   no new best validation accuracy in 2 epochs",
        ])
        let header = try XCTUnwrap(lines.first { $0.hasPrefix("epoch  ") }, output.transcript)
        XCTAssertEqual(header.split(separator: " ").prefix(2), ["epoch", "eta"])
        XCTAssertEqual(lines.filter { $0.range(of: #"^\s+1\s+1\.0\s"#, options: .regularExpression) != nil }.count, 1, output.transcript)
        XCTAssertEqual(lines.filter { $0.range(of: #"^\s+2\s+0\.5\s"#, options: .regularExpression) != nil }.count, 1, output.transcript)

        let older = try RunnerProcess.run(["show", "3", "--db", sweep.db])
        XCTAssertTrue(older.stdoutLines.contains("validation      none (stored before validation sets were recorded)"), older.transcript)
    }

    private func make(_ arguments: [String]) throws -> ProcessOutput {
        try RunnerProcess.execute(URL(fileURLWithPath: "/usr/bin/make"), ["--no-print-directory"] + arguments)
    }

    /// What the runner records: HEAD, with `-dirty` when tracked files changed.
    private func gitCommit() throws -> String {
        let git = URL(fileURLWithPath: "/usr/bin/git")
        let head = try RunnerProcess.execute(git, ["rev-parse", "HEAD"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let changes = try RunnerProcess.execute(git, ["status", "--porcelain", "--untracked-files=no"]).stdout
        return changes.isEmpty ? head : head + "-dirty"
    }
}
