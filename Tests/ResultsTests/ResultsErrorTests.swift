import XCTest
@testable import Results

/// How an error names the statement that failed: its first words by
/// default, up to a parenthesis, and the whole of it verbosely.
final class ResultsErrorTests: XCTestCase {
    private func error(_ statement: String?) -> ResultsError {
        ResultsError(path: "r.sqlite", message: "SQL error 11: database disk image is malformed", statement: statement)
    }

    func testFirstWordsOfAStatement() {
        let insert = "INSERT INTO experiments (name, description, spec_yaml) VALUES (?, ?, ?)"
        XCTAssertEqual(
            error(insert).description,
            "r.sqlite: SQL error 11: database disk image is malformed, while executing `INSERT INTO experiments …`")
        XCTAssertEqual(
            error(insert).verboseDescription,
            "r.sqlite: SQL error 11: database disk image is malformed, while executing `\(insert)`")
        XCTAssertEqual(ResultsError.firstWords("SELECT * FROM nowhere"), "SELECT * FROM nowhere")
        XCTAssertEqual(ResultsError.firstWords("SELECT name FROM sqlite_master WHERE type = 'table'"), "SELECT name FROM sqlite_master …")
        XCTAssertEqual(ResultsError.firstWords("PRAGMA quick_check(2)"), "PRAGMA quick_check …")
        XCTAssertEqual(ResultsError.firstWords("VACUUM"), "VACUUM")
        XCTAssertEqual(error(nil).description, "r.sqlite: SQL error 11: database disk image is malformed")
    }

    func testDamageNamesTheWayOut() {
        XCTAssertEqual(
            ResultsError.damaged(path: "my results.sqlite", finding: "Page 4: btreeInitPage() returns error code 11").description,
            "my results.sqlite: is damaged (SQLite: Page 4: btreeInitPage() returns error code 11); it was left as it is: "
                + "recover what can still be read with `runner recover 'my results.sqlite' --to NEW.sqlite`, "
                + "or `sqlite3 'my results.sqlite' .recover | sqlite3 NEW.sqlite`")
    }
}
