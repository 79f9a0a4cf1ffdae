import Foundation
import XCTest

/// An SQL error names its statement by its first words, and in full with `--verbose`.
final class StatementInErrorsTests: XCTestCase {
    func testLongStatementIsShortenedUnlessVerbose() throws {
        let directory = try makeTemporaryDirectory()
        let db = try makeDatabaseWithOneFinishedRun(in: directory)
        let sql = "SELECT eta, seed, final_accuracy FROM nowhere WHERE status = 'done' ORDER BY eta"

        let short = try RunnerProcess.run(["query", "--db", db, sql])
        let verbose = try RunnerProcess.run(["query", "--db", db, "--verbose", sql])

        XCTAssertEqual(short.status, 2, short.transcript)
        XCTAssertEqual(
            short.stderr, "runner: error: \(db): SQL error 1: no such table: nowhere, while executing `SELECT eta, seed, final_accuracy …`\n")
        XCTAssertEqual(verbose.status, 2, verbose.transcript)
        XCTAssertEqual(verbose.stderr, "runner: error: \(db): SQL error 1: no such table: nowhere, while executing `\(sql)`\n")
    }
}
