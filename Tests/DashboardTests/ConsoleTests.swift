import Foundation
import XCTest
@testable import Dashboard

/// The SQL console: read-only, cancelled past its time limit, cut at its row limit.
final class ConsoleTests: XCTestCase {
    func testAQueryAnswersItsRows() throws {
        let response = try DashboardFixture(testCase: self).dashboard().respond(to: DashboardFixture.sql("SELECT status, count(*) AS n FROM runs GROUP BY status ORDER BY status"))
        XCTAssertEqual(response.status, 200, response.text)
        XCTAssertEqual(response.text, #"{"columns":["status","n"],"row_limit":10000,"rows":[["done","4"],["failed","1"]],"truncated":false}"#)
    }

    func testWritesAreRefused() throws {
        let fixture = try DashboardFixture(testCase: self)
        let dashboard = fixture.dashboard()
        for (sql, message) in [
            ("DELETE FROM runs", "query is read-only; refusing `DELETE FROM runs`"),
            ("SELECT 1; DROP TABLE epochs", "query is read-only; refusing `DROP TABLE epochs`"),
            ("VACUUM INTO '/tmp/copy.sqlite'", "query is read-only; refusing `VACUUM INTO '/tmp/copy.sqlite'`"),
            ("PRAGMA user_version = 9", "query is read-only; refusing `PRAGMA user_version = 9`"),
        ] {
            let response = dashboard.respond(to: DashboardFixture.sql(sql))
            XCTAssertEqual(response.status, 400, sql)
            XCTAssertEqual(response.errorMessage, message)
        }
        XCTAssertEqual(try fixture.reader.query("SELECT count(*) FROM runs").rows, [["5"]])
        XCTAssertEqual(try fixture.reader.query("PRAGMA user_version").rows, [["0"]])
    }

    func testALongQueryIsCancelledAndALargeOneCut() throws {
        let dashboard = try DashboardFixture(testCase: self).dashboard(console: .init(rowLimit: 3, timeLimit: 0.3))
        let endless = dashboard.respond(to: DashboardFixture.sql("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT max(x) FROM c"))
        XCTAssertEqual(endless.status, 400)
        XCTAssertEqual(endless.errorMessage, "query cancelled: it ran past the time limit of 0.3 s")
        let large = dashboard.respond(to: DashboardFixture.sql("SELECT epoch FROM epochs ORDER BY run_id, epoch"))
        XCTAssertEqual(large.text, #"{"columns":["epoch"],"row_limit":3,"rows":[["1"],["2"],["3"]],"truncated":true}"#)
    }

    func testMalformedAndOversizedQuestionsAreRefused() throws {
        let dashboard = try DashboardFixture(testCase: self).dashboard(console: .init(sqlLimit: 20))
        var notJSON = DashboardFixture.sql("")
        notJSON.body = Data("sql=SELECT 1".utf8)
        XCTAssertEqual(dashboard.respond(to: notJSON).status, 400)
        XCTAssertEqual(dashboard.respond(to: notJSON).errorMessage, #"expected a JSON body {"sql": "…"}"#)
        XCTAssertEqual(dashboard.respond(to: DashboardFixture.sql("  ")).errorMessage, "no SQL to run")
        let long = dashboard.respond(to: DashboardFixture.sql("SELECT 1 + 1 + 1 + 1 + 1"))
        XCTAssertEqual(long.status, 413)
        XCTAssertEqual(long.errorMessage, "the request body is 34 bytes; the console takes at most 20")
        XCTAssertEqual(dashboard.respond(to: DashboardFixture.sql("SELEC 1")).status, 400)
    }

    func testTheExamplesAreTheReadmesAndRun() throws {
        let fixture = try DashboardFixture(testCase: self)
        let readme = try String(contentsOf: URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("README.md"), encoding: .utf8)
        for example in ConsoleExample.all {
            XCTAssertTrue(readme.contains(example.sql), "README lacks the example \"\(example.title)\"")
            let response = fixture.dashboard().respond(to: DashboardFixture.sql(example.sql))
            XCTAssertEqual(response.status, 200, "\(example.title): \(response.text)")
        }
    }
}
