import XCTest

final class GradcheckCommandTests: XCTestCase {
    func testDefaultNetworkPasses() throws {
        try assertGradientCheckPasses([])
    }

    func testSingleExampleBatchPasses() throws {
        try assertGradientCheckPasses(["--layers", "4,3,2", "--batch", "1"])
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
