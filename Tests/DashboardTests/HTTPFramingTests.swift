import Foundation
import XCTest
@testable import Dashboard

/// Requests from bytes: complete, incomplete, or refused with the status
/// that says why.
final class HTTPFramingTests: XCTestCase {
    private let limits = HTTPFraming.Limits(headBytes: 256, bodyBytes: 16)

    private func parse(_ text: String) -> HTTPFraming.Outcome {
        HTTPFraming.parse(Array(text.utf8), limits: limits)
    }

    func testARequestWithItsQueryHeadersAndBody() {
        let text = "POST /api/a%20b?c=eta:1&c=x+y&flag HTTP/1.1\r\nHost: h:1\r\nContent-Length: 4\r\nX-A: 1\r\nx-a: 2\r\n\r\nbodyGET"
        let expected = DashboardRequest(
            method: "POST", path: "/api/a b", query: [("c", "eta:1"), ("c", "x y"), ("flag", "")],
            headers: ["host": "h:1", "content-length": "4", "x-a": "1, 2"], body: Data("body".utf8))
        XCTAssertEqual(parse(text), .request(expected, consumed: text.utf8.count - 3, keepAlive: true))
    }

    func testKeepAliveFollowsTheVersionAndTheConnectionHeader() {
        func keepAlive(_ text: String) -> Bool? {
            if case let .request(_, _, keepAlive) = parse(text) { return keepAlive }
            return nil
        }
        XCTAssertEqual(keepAlive("GET / HTTP/1.1\r\n\r\n"), true)
        XCTAssertEqual(keepAlive("GET / HTTP/1.1\r\nConnection: close\r\n\r\n"), false)
        XCTAssertEqual(keepAlive("GET / HTTP/1.0\r\n\r\n"), false)
        XCTAssertEqual(keepAlive("GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n"), true)
    }

    func testAPartialRequestAsksForMore() {
        XCTAssertEqual(parse(""), .incomplete)
        XCTAssertEqual(parse("GET / HTTP/1.1\r\nHost: h"), .incomplete)
        XCTAssertEqual(parse("POST / HTTP/1.1\r\nContent-Length: 5\r\n\r\nab"), .incomplete)
    }

    func testMalformedRequestsAreRefusedWithTheReason() {
        let cases: [(String, Int, String)] = [
            ("GARBAGE\r\n\r\n", 400, "the request line is not METHOD TARGET HTTP/1.1"),
            ("GET  / HTTP/1.1\r\n\r\n", 400, "the request line is not METHOD TARGET HTTP/1.1"),
            ("G(T / HTTP/1.1\r\n\r\n", 400, "the request line is not METHOD TARGET HTTP/1.1"),
            ("GET / SPDY/3\r\n\r\n", 400, "the request line is not METHOD TARGET HTTP/1.1"),
            ("GET / HTTP/2.0\r\n\r\n", 505, "HTTP version HTTP/2.0 is not served; use HTTP/1.1"),
            ("GET / HTTP/1.1\r\nno colon\r\n\r\n", 400, "a header line is not NAME: VALUE"),
            ("GET / HTTP/1.1\r\nA: 1\r\n folded\r\n\r\n", 400, "a header line is not NAME: VALUE"),
            ("GET / HTTP/1.1\r\nBad Name: 1\r\n\r\n", 400, "a header's name is not a token"),
            ("GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", 400, "the request has two host headers"),
            ("GET / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n", 400, "the request has two content-length headers"),
            ("GET / HTTP/1.1\r\nContent-Length: -5\r\n\r\n", 400, "Content-Length -5 is not a number of bytes"),
            ("GET / HTTP/1.1\r\nContent-Length: 99999999999999999999\r\n\r\n", 400, "Content-Length 99999999999999999999 is not a number of bytes"),
            ("GET / HTTP/1.1\r\nContent-Length: 17\r\n\r\n", 413, "the request body is 17 bytes; at most 16 are read"),
            ("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n", 501, "request bodies in chunks are not accepted; send a Content-Length"),
            ("GET http://example.org/ HTTP/1.1\r\n\r\n", 400, "the target is not a path: http://example.org/"),
            ("GET /%ff HTTP/1.1\r\n\r\n", 400, "the target is not a path: /%ff"),
            ("GET /?a=%zz HTTP/1.1\r\n\r\n", 400, "the target is not a path: /?a=%zz"),
        ]
        for (text, status, message) in cases {
            XCTAssertEqual(parse(text), .refused(status: status, message: message), text.debugDescription)
        }
        XCTAssertEqual(
            HTTPFraming.parse([0xff, 0xfe, 13, 10, 13, 10], limits: limits),
            .refused(status: 400, message: "the request's head is not UTF-8 text"))
    }

    func testAHeadPastTheLimitIsRefusedBeforeItEnds() {
        let long = "GET / HTTP/1.1\r\nX: " + String(repeating: "a", count: 300)
        XCTAssertEqual(parse(long), .refused(status: 431, message: "the request line and headers are over 256 bytes"))
        XCTAssertEqual(HTTPFraming.parse(Array(long.utf8.prefix(255)), limits: limits), .incomplete)
    }

    func testAResponsesBytes() {
        var response = DashboardResponse(status: 404, contentType: "text/plain", body: Data("gone".utf8))
        response.headers = ["X-B": "2", "Cache-Control": "no-store"]
        XCTAssertEqual(
            String(decoding: HTTPFraming.encode(response, keepAlive: true), as: UTF8.self),
            "HTTP/1.1 404 Not Found\r\nContent-Type: text/plain\r\nContent-Length: 4\r\nConnection: keep-alive\r\nCache-Control: no-store\r\nX-B: 2\r\n\r\ngone")
        XCTAssertEqual(
            String(decoding: HTTPFraming.encode(response, keepAlive: false, headOnly: true), as: UTF8.self),
            "HTTP/1.1 404 Not Found\r\nContent-Type: text/plain\r\nContent-Length: 4\r\nConnection: close\r\nCache-Control: no-store\r\nX-B: 2\r\n\r\n")
    }
}
