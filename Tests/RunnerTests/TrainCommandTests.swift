import XCTest

final class TrainCommandTests: XCTestCase {
    private let smallRun = ["train", "--epochs", "2", "--train-limit", "1000", "--test-limit", "500", "--seed", "1"]
    /// With the default validation set: the last 10,000 training images.
    private let epochLine = #/epoch ([12])/2  cost (\d\.\d{4})  validation (\d\.\d{4})  test (\d\.\d{4})  \d+\.\ds/#

    func testPrintsOneLinePerEpoch() throws {
        let output = try RunnerProcess.run(smallRun)

        XCTAssertEqual(output.status, 0, output.transcript)
        XCTAssertEqual(output.stdoutLines.count, 2, output.transcript)
        for (index, line) in output.stdoutLines.enumerated() {
            let match = try XCTUnwrap(line.wholeMatch(of: epochLine), "line \(index + 1): \(line)")
            XCTAssertEqual(match.1, "\(index + 1)")
        }
    }

    /// The same flags train the same network: every line matches apart from
    /// the epoch's wall-clock seconds.
    func testSameSeedPrintsSameCostsAndAccuracies() throws {
        let first = try RunnerProcess.run(smallRun)
        let second = try RunnerProcess.run(smallRun)

        XCTAssertEqual(first.status, 0, first.transcript)
        XCTAssertEqual(second.status, 0, second.transcript)
        let firstResults = first.stdoutLines.compactMap { $0.wholeMatch(of: epochLine) }.map { "\($0.1) \($0.2) \($0.3) \($0.4)" }
        let secondResults = second.stdoutLines.compactMap { $0.wholeMatch(of: epochLine) }.map { "\($0.1) \($0.2) \($0.3) \($0.4)" }
        XCTAssertEqual(firstResults.count, 2, first.transcript)
        XCTAssertEqual(firstResults, secondResults)
    }

    /// `--init` (the experiment files' key) and `--initialization` name one
    /// option: both give the scaled network, which differs from the default.
    func testInitAndInitializationChooseTheSameScheme() throws {
        let runs = try [[], ["--init", "scaled"], ["--initialization", "scaled"]].map { flags in
            let output = try RunnerProcess.run(smallRun + flags)
            XCTAssertEqual(output.status, 0, output.transcript)
            return output.stdoutLines.compactMap { $0.wholeMatch(of: epochLine) }.map { "\($0.1) \($0.2) \($0.3) \($0.4)" }
        }
        XCTAssertEqual(runs.map(\.count), [2, 2, 2])
        XCTAssertEqual(runs[1], runs[2])
        XCTAssertNotEqual(runs[0], runs[1])
    }

    func testWithoutAValidationSetPrintsTestAccuracyAlone() throws {
        let output = try RunnerProcess.run(smallRun + ["--validation-limit", "0"])

        XCTAssertEqual(output.status, 0, output.transcript)
        XCTAssertEqual(output.stdoutLines.count, 2, output.transcript)
        for (index, line) in output.stdoutLines.enumerated() {
            XCTAssertNotNil(line.wholeMatch(of: #/epoch \d/2  cost \d\.\d{4}  test \d\.\d{4}  \d+\.\ds/#), "line \(index + 1): \(line)")
        }
    }

    /// The validation set only watches: without --patience or --eta-halving
    /// its size changes no cost and no test accuracy.
    func testValidationSetDoesNotChangeTraining() throws {
        let runs = try [["--validation-limit", "0"], ["--validation-limit", "500"]].map { flags in
            let output = try RunnerProcess.run(smallRun + flags)
            XCTAssertEqual(output.status, 0, output.transcript)
            // Apart from the validation accuracy and the seconds.
            return output.stdoutLines.map { line in
                line.replacing(#/  validation \S+/#, with: "").replacing(#/  \S+s$/#, with: "")
            }
        }
        XCTAssertEqual(runs[0].count, 2)
        XCTAssertEqual(runs[0], runs[1])
    }

    /// Each halving shows the new η on the epoch that trains with it; after
    /// the seventh, training ends with a line saying why.
    func testEtaHalvingShowsEachNewEtaAndWhyItStopped() throws {
        let output = try RunnerProcess.run([
            "train", "--epochs", "100", "--train-limit", "100", "--validation-limit", "100", "--test-limit", "100",
            "--eta-halving", "1",
        ])

        XCTAssertEqual(output.status, 0, output.transcript)
        let lines = output.stdoutLines
        XCTAssertEqual(lines.last, "stopped early after epoch \(lines.count - 1) of 100: eta fell to 1/128 of its start")
        let etas = lines.compactMap { $0.firstMatch(of: #/  eta (\S+)  /#).map { String($0.1) } }
        XCTAssertEqual(etas, ["1.5", "0.75", "0.375", "0.1875", "0.09375", "0.046875"], output.transcript)
    }

    func testPatienceStopsAndSaysWhy() throws {
        let output = try RunnerProcess.run([
            "train", "--epochs", "100", "--train-limit", "100", "--validation-limit", "100", "--test-limit", "100",
            "--patience", "1",
        ])

        XCTAssertEqual(output.status, 0, output.transcript)
        let lines = output.stdoutLines
        XCTAssertLessThan(lines.count, 101, output.transcript)
        XCTAssertEqual(lines.last, "stopped early after epoch \(lines.count - 1) of 100: no new best validation accuracy in 1 epoch")
    }

    /// Bad values of the chapter-3 flags are one line each, before any data
    /// loads; negative numbers reach the check rather than reading as flags.
    func testRejectsOutOfRangeOptionsInOneLine() throws {
        let cases: KeyValuePairs<[String], String> = [
            ["--l2", "-1"]: "--l2 must be a finite number ≥ 0, got -1.0",
            ["--l2", "inf"]: "--l2 must be a finite number ≥ 0, got inf",
            ["--momentum", "1"]: "--momentum must be in [0, 1), got 1.0",
            ["--momentum", "-0.5"]: "--momentum must be in [0, 1), got -0.5",
            ["--patience", "0"]: "--patience must be at least 1, got 0",
            ["--eta-halving", "-2"]: "--eta-halving must be at least 1, got -2",
            ["--validation-limit", "-1"]: "--validation-limit must be at least 0, got -1",
            ["--patience", "3", "--validation-limit", "0"]: "--patience needs a validation set, but --validation-limit is 0",
            ["--eta-halving", "3", "--validation-limit", "0"]:
                "--eta-halving needs a validation set, but --validation-limit is 0",
            ["--patience", "3", "--train-limit", "60000"]:
                "--patience needs a validation set, but --train-limit 60000 leaves no training images for one",
            ["--validation-limit", "5001", "--train-limit", "55000"]:
                "mnist: validation limit 5001 exceeds the 5000 training examples left after the training set",
        ]
        for (flags, message) in cases {
            let output = try RunnerProcess.run(["train", "--epochs", "1"] + flags)

            XCTAssertEqual(output.status, 2, "\(flags): \(output.transcript)")
            XCTAssertEqual(output.stdout, "", "\(flags)")
            XCTAssertEqual(output.stderr, "runner: error: \(message)\n", "\(flags)")
        }
    }

    func testRejectsUnknownCost() throws {
        let output = try RunnerProcess.run(["train", "--cost", "mse", "--epochs", "1"])

        XCTAssertEqual(output.status, 2, output.transcript)
        XCTAssertEqual(output.stdout, "")
        assertUsageError(output, naming: "mse")
    }

    func testRejectsLayersThatAreNotNumbers() throws {
        let output = try RunnerProcess.run(["train", "--layers", "784,x,10", "--epochs", "1"])

        XCTAssertEqual(output.status, 2, output.transcript)
        XCTAssertEqual(output.stdout, "")
        assertUsageError(output, naming: "784,x,10")
    }

    func testRejectsMissingDataSetNamingIt() throws {
        let output = try RunnerProcess.run(["train", "--dataset", "/nonexistent", "--epochs", "1"])

        XCTAssertEqual(output.status, 2, output.transcript)
        XCTAssertEqual(output.stdout, "")
        assertOneLineError(output, containing: "/nonexistent")
    }

    func testRejectsFirstLayerThatDoesNotFitTheData() throws {
        let output = try RunnerProcess.run(["train", "--layers", "10,10", "--train-limit", "1000", "--test-limit", "500", "--epochs", "1"])

        XCTAssertEqual(output.status, 2, output.transcript)
        XCTAssertEqual(output.stdout, "")
        XCTAssertEqual(output.stderr, "runner: error: the first layer has 10 neurons but the data has 784 inputs\n")
    }

    func testRejectsTrainingLimitBeyondTheData() throws {
        let output = try RunnerProcess.run(["train", "--train-limit", "70000", "--epochs", "1"])

        XCTAssertEqual(output.status, 2, output.transcript)
        XCTAssertEqual(output.stdout, "")
        assertOneLineError(output, containing: "70000")
    }
}

/// A failure the runner reports itself: one line, `runner: error: …`, no
/// stack trace.
func assertOneLineError(
    _ output: ProcessOutput, containing text: String, file: StaticString = #filePath, line: UInt = #line
) {
    XCTAssertEqual(output.stderrLines.count, 1, output.transcript, file: file, line: line)
    XCTAssertTrue(output.stderr.hasPrefix("runner: error: "), output.transcript, file: file, line: line)
    XCTAssertTrue(output.stderr.contains(text), "stderr does not name \(text): \(output.stderr)", file: file, line: line)
}

/// A bad flag reported by ArgumentParser: `Error: …` naming the value, then
/// help and usage lines; no stack trace.
func assertUsageError(
    _ output: ProcessOutput, naming value: String, file: StaticString = #filePath, line: UInt = #line
) {
    let lines = output.stderrLines
    XCTAssertTrue(lines.first?.hasPrefix("Error: ") == true, output.transcript, file: file, line: line)
    XCTAssertTrue(lines.first?.contains("'\(value)'") == true, output.transcript, file: file, line: line)
    XCTAssertTrue(lines.contains { $0.hasPrefix("Usage: runner ") }, output.transcript, file: file, line: line)
    XCTAssertFalse(output.stderr.contains("Stack dump") || output.stderr.contains("Fatal error"), output.transcript, file: file, line: line)
}
