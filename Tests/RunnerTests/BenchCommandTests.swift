import XCTest

final class BenchCommandTests: XCTestCase {
    /// Speed is printed, never asserted: only the shape of the report.
    func testLastLineIsExamplesPerSecond() throws {
        let output = try RunnerProcess.run(["bench", "--examples", "2000", "--repeat", "1"])

        XCTAssertEqual(output.status, 0, output.transcript)
        let last = try XCTUnwrap(output.stdoutLines.last, output.transcript)
        XCTAssertNotNil(last.wholeMatch(of: #/examples\/s: \d+/#), last)
    }

    /// A dataset smaller than Nielsen's 50,000 training images is walked in
    /// whole epochs of what it has: 100 examples are 4 passes over 30 images.
    func testSmallDataSetTrainsInEpochsOfAllItsImages() throws {
        let data = try SyntheticDataSet(in: try makeTemporaryDirectory())
        let output = try RunnerProcess.run(["bench", "--dataset", data.path, "--examples", "100", "--repeat", "1"])

        XCTAssertEqual(output.status, 0, output.transcript)
        XCTAssertTrue(output.stdoutLines.first?.contains("  120 examples per pass (4 × 30)  ") ?? false, output.transcript)
    }

    /// The report names the kernel variant that trained, forced or chosen.
    func testTheFirstLineNamesTheKernelVariant() throws {
        let data = try SyntheticDataSet(in: try makeTemporaryDirectory())
        let output = try RunnerProcess.run(
            ["bench", "--dataset", data.path, "--examples", "30", "--repeat", "1"], environment: ["RUNNER_KERNELS": "portable"])

        XCTAssertEqual(output.status, 0, output.transcript)
        XCTAssertEqual(
            output.stdoutLines.first,
            "network 784-30-10  batch 10  cost quadratic  30 examples per pass (1 × 30)  1 thread  95880 FLOP/example  kernels portable",
            output.transcript)
    }
}
