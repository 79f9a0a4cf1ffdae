import XCTest

/// A negative number after a space is the option's value, not a flag: it
/// reaches the command's own check, whose message names the option, and
/// reads the same as `--option=-N`. Exit code 2.
final class NegativeOptionValuesTests: XCTestCase {
    /// train checks before any data loads, one line each.
    func testTrainReportsEachInOneLine() throws {
        let cases: KeyValuePairs<[String], String> = [
            ["--eta", "-3"]: "--eta must be a finite number > 0, got -3.0",
            ["--eta=-3"]: "--eta must be a finite number > 0, got -3.0",
            ["--epochs", "-1"]: "--epochs must be at least 1, got -1",
            ["--batch", "-10"]: "--batch must be at least 1, got -10",
            ["--train-limit", "-5"]: "--train-limit must be at least 1, got -5",
            ["--test-limit", "-5"]: "--test-limit must be at least 1, got -5",
        ]
        for (flags, message) in cases {
            let output = try RunnerProcess.run(["train"] + flags)

            XCTAssertEqual(output.status, 2, "\(flags): \(output.transcript)")
            XCTAssertEqual(output.stdout, "", "\(flags)")
            XCTAssertEqual(output.stderr, "runner: error: \(message)\n", "\(flags)")
        }
    }

    /// The commands that check in `validate()` answer as the argument parser
    /// does, the message first, then the usage.
    func testOtherCommandsReportThroughTheirChecks() throws {
        let cases: KeyValuePairs<[String], String> = [
            ["bench", "--batch", "-1"]: "Error: --batch must be at least 1, got -1",
            ["bench", "--eta", "-3"]: "Error: --eta must be a finite number > 0, got -3.0",
            ["bench", "--repeat", "-2"]: "Error: --repeat must be at least 1, got -2",
            ["sweep", "experiments/smoke.yaml", "--jobs", "-1"]: "Error: --jobs must be at least 1, got -1",
            ["gradcheck", "--l2", "-1"]: "Error: --l2 must be a finite number ≥ 0, got -1.0",
            ["slurm", "submit", "experiments/smoke.yaml", "--tasks", "-1"]: "Error: --tasks must be at least 1, got -1",
            ["train", "--seed", "-1"]:
                "Error: The value '-1' is invalid for '--seed <seed>': a seed is a whole number from 0 to 18446744073709551615",
            ["sweep", "experiments/smoke.yaml", "--shard", "-1/4"]:
                "Error: The value '-1/4' is invalid for '--shard <I/N>': shard -1 is not one of 0…3 (shards are numbered from 0)",
        ]
        for (arguments, message) in cases {
            let output = try RunnerProcess.run(arguments)

            XCTAssertEqual(output.status, 2, "\(arguments): \(output.transcript)")
            XCTAssertEqual(output.stdout, "", "\(arguments)")
            XCTAssertEqual(output.stderrLines.first, message, "\(arguments)")
            XCTAssertFalse(output.stderr.contains("Missing value"), "\(arguments): \(output.stderr)")
        }
    }
}
