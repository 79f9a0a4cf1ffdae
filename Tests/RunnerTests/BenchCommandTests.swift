import XCTest

final class BenchCommandTests: XCTestCase {
    /// Speed is printed, never asserted: only the shape of the report.
    func testLastLineIsExamplesPerSecond() throws {
        let output = try RunnerProcess.run(["bench", "--examples", "2000", "--repeat", "1"])

        XCTAssertEqual(output.status, 0, output.transcript)
        let last = try XCTUnwrap(output.stdoutLines.last, output.transcript)
        XCTAssertNotNil(last.wholeMatch(of: #/examples\/s: \d+/#), last)
    }
}
