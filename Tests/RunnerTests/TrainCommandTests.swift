import XCTest

final class TrainCommandTests: XCTestCase {
    private let smallRun = ["train", "--epochs", "2", "--train-limit", "1000", "--test-limit", "500", "--seed", "1"]
    private let epochLine = #/epoch ([12])/2  cost (\d\.\d{4})  accuracy (\d\.\d{4})  \d+\.\ds/#

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
        let firstResults = first.stdoutLines.compactMap { $0.wholeMatch(of: epochLine) }.map { "\($0.1) \($0.2) \($0.3)" }
        let secondResults = second.stdoutLines.compactMap { $0.wholeMatch(of: epochLine) }.map { "\($0.1) \($0.2) \($0.3)" }
        XCTAssertEqual(firstResults.count, 2, first.transcript)
        XCTAssertEqual(firstResults, secondResults)
    }

    /// `--init` (the experiment files' key) and `--initialization` name one
    /// option: both give the scaled network, which differs from the default.
    func testInitAndInitializationChooseTheSameScheme() throws {
        let runs = try [[], ["--init", "scaled"], ["--initialization", "scaled"]].map { flags in
            let output = try RunnerProcess.run(smallRun + flags)
            XCTAssertEqual(output.status, 0, output.transcript)
            return output.stdoutLines.compactMap { $0.wholeMatch(of: epochLine) }.map { "\($0.1) \($0.2) \($0.3)" }
        }
        XCTAssertEqual(runs.map(\.count), [2, 2, 2])
        XCTAssertEqual(runs[1], runs[2])
        XCTAssertNotEqual(runs[0], runs[1])
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
