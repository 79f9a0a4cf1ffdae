import XCTest

final class GradcheckCommandTests: XCTestCase {
    func testDefaultNetworkPasses() throws {
        try assertGradientCheckPasses([])
    }

    func testSingleExampleBatchPasses() throws {
        try assertGradientCheckPasses(["--layers", "4,3,2", "--batch", "1"])
    }

    func testEveryCostWithL2Passes() throws {
        for cost in ["quadratic", "cross_entropy", "log_likelihood"] {
            try assertGradientCheckPasses(["--cost", cost, "--l2", "0.5"])
        }
        let output = try RunnerProcess.run(["gradcheck", "--cost", "log_likelihood", "--l2", "0.5"])
        XCTAssertEqual(
            output.stdoutLines.first, "layers 5-4-3  batch 3  seed 1  cost log_likelihood  l2 0.5  parameters 39",
            output.transcript)
    }

    func testNegativeL2IsABadFlag() throws {
        let output = try RunnerProcess.run(["gradcheck", "--l2=-1"])
        XCTAssertEqual(output.status, 2, output.transcript)
        XCTAssertTrue(output.stderr.contains("--l2 must be a finite number ≥ 0, got -1.0"), output.transcript)
    }

    private func assertGradientCheckPasses(_ flags: [String], line: UInt = #line) throws {
        let output = try RunnerProcess.run(["gradcheck"] + flags)

        XCTAssertEqual(output.status, 0, output.transcript, line: line)
        let reports = output.stdoutLines.compactMap { $0.wholeMatch(of: #/max relative error: (\S+) \(tolerance 1e-06\)/#) }
        XCTAssertEqual(reports.count, 1, output.transcript, line: line)
        let error = try XCTUnwrap(reports.first.flatMap { Double($0.1) }, output.transcript, line: line)
        XCTAssertLessThan(error, 1e-6, line: line)
    }
}
