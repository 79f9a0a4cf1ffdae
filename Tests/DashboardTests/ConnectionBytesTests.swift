import Foundation
import XCTest
import Results
@testable import Dashboard

/// What the server writes back on a connection that sent some bytes: each
/// request answered in turn, up to a refusal, a request to close, or the
/// start of a request that never ends.
final class ConnectionBytesTests: XCTestCase {
    private func heads(_ text: String, console: Dashboard.ConsoleLimits = .init()) throws -> [String] {
        let fixture = try DashboardFixture(testCase: self)
        return fixture.dashboard(console: console).responses(toConnectionBytes: Array(text.utf8)).map { answer in
            String(decoding: answer, as: UTF8.self).components(separatedBy: "\r\n").prefix(4).joined(separator: "|")
        }
    }

    func testPipelinedRequestsAreAnsweredInTurnUntilOneAsksToClose() throws {
        let get = "GET /api/nothing HTTP/1.1\r\nHost: 127.0.0.1:8080\r\n"
        let answers = try heads(get + "\r\n" + get + "Connection: close\r\n\r\n" + get + "\r\n")
        XCTAssertEqual(answers.count, 2)
        XCTAssertTrue(answers[0].hasPrefix("HTTP/1.1 404 Not Found|Content-Type: application/json"), answers[0])
        XCTAssertTrue(answers[0].hasSuffix("|Connection: keep-alive"), answers[0])
        XCTAssertTrue(answers[1].hasSuffix("|Connection: close"), answers[1])
    }

    func testARefusalEndsTheConnectionAndAPartialRequestGetsNothing() throws {
        XCTAssertEqual(try heads("GET / HTTP/1.1\r\nHost: 127.0.0.1:8080\r\n"), [])
        let refused = try heads("GET / HTTP/2.0\r\nHost: 127.0.0.1:8080\r\n\r\nGET / HTTP/1.1\r\n\r\n")
        XCTAssertEqual(refused.count, 1)
        XCTAssertTrue(refused[0].hasPrefix("HTTP/1.1 505 HTTP Version Not Supported|"), refused[0])
        XCTAssertTrue(refused[0].hasSuffix("|Connection: close"), refused[0])
    }

    /// The body may hold the console's SQL and 1,024 bytes of JSON around it.
    func testABodyPastTheConsoleLimitIsRefusedFromItsLength() throws {
        let console = Dashboard.ConsoleLimits(sqlLimit: 100)
        let post = "POST /api/sql HTTP/1.1\r\nHost: 127.0.0.1:8080\r\nContent-Length: "
        let answers = try heads(post + "1125\r\n\r\n", console: console)
        XCTAssertEqual(answers.count, 1)
        XCTAssertTrue(answers[0].hasPrefix("HTTP/1.1 413 Content Too Large|"), answers[0])
        XCTAssertEqual(try heads(post + "1124\r\n\r\n", console: console), [])
    }
}
