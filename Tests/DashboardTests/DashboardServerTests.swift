import Foundation
import XCTest
@testable import Dashboard

/// The dashboard on a real socket: bytes in, bytes out, and a bad request
/// never stops the next one from being served.
final class DashboardServerTests: XCTestCase {
    private var server: DashboardServer!
    private var port = 0

    override func setUp() async throws {
        let fixture = try DashboardFixture(testCase: self)
        server = try DashboardServer(dashboard: fixture.dashboard(), host: "127.0.0.1", port: 0, idleTimeout: 1)
        port = try await server.start()
        let server = self.server!
        addTeardownBlock { await server.stop() }
    }

    /// Sends `bytes` on a new connection and reads until the server closes
    /// it or a full response with its body has come.
    private func exchange(_ bytes: String) throws -> String {
        try exchange(bytes, untilClosed: false)
    }

    /// Sends `bytes` and reads everything until the server closes the connection.
    private func exchangeUntilClosed(_ bytes: String) throws -> String {
        try exchange(bytes, untilClosed: true)
    }

    private func exchange(_ bytes: String, untilClosed: Bool) throws -> String {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        XCTAssertGreaterThanOrEqual(socket, 0)
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        XCTAssertEqual(connected, 0)
        var timeout = timeval(tv_sec: 5, tv_usec: 0)
        setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        _ = bytes.utf8CString.withUnsafeBufferPointer { send(socket, $0.baseAddress, $0.count - 1, 0) }
        var received = Data()
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = recv(socket, &buffer, buffer.count, 0)
            if count <= 0 { break }
            received.append(contentsOf: buffer[0..<count])
            let text = String(decoding: received, as: UTF8.self)
            if !untilClosed, let headerEnd = text.range(of: "\r\n\r\n"),
               let lengthLine = text[..<headerEnd.lowerBound].split(separator: "\r\n").first(where: { $0.lowercased().hasPrefix("content-length:") }),
               let length = Int(lengthLine.split(separator: ":")[1].trimmingCharacters(in: .whitespaces)),
               text.utf8.count - text[..<headerEnd.upperBound].utf8.count >= length {
                break
            }
        }
        return String(decoding: received, as: UTF8.self)
    }

    private func get(_ path: String, host: String? = nil) throws -> String {
        try exchange("GET \(path) HTTP/1.1\r\nHost: \(host ?? "127.0.0.1:\(port)")\r\nConnection: close\r\n\r\n")
    }

    func testAnswersOverHTTP() throws {
        let answer = try get("/api/experiments")
        XCTAssertTrue(answer.hasPrefix("HTTP/1.1 200 OK\r\n"), answer)
        XCTAssertTrue(answer.contains("Content-Type: application/json; charset=utf-8\r\n"), answer)
        XCTAssertTrue(answer.contains(#""name":"eta""#), answer)
        let page = try get("/experiments/eta")
        XCTAssertTrue(page.hasPrefix("HTTP/1.1 200 OK\r\n"), page)
        XCTAssertTrue(page.contains(Assets.indexHTML), page)
    }

    func testPercentEncodedPathsAreDecodedAndStillCannotLeaveTheAssets() throws {
        XCTAssertTrue(try get("/api/experiments/%65ta").hasPrefix("HTTP/1.1 200 OK\r\n"))
        for path in ["/assets/..%2F..%2FPackage.swift", "/assets/%2e%2e/%2e%2e/Package.swift", "/../../etc/passwd"] {
            let answer = try get(path)
            XCTAssertTrue(answer.hasPrefix("HTTP/1.1 404 Not Found\r\n"), "\(path): \(answer)")
            XCTAssertFalse(answer.contains("PackageDescription"), path)
        }
    }

    func testARebindingHostIsRefused() throws {
        let answer = try get("/api/experiments", host: "rebind.example:\(port)")
        XCTAssertTrue(answer.hasPrefix("HTTP/1.1 421 Misdirected Request\r\n"), answer)
    }

    func testMalformedRequestsGetA4xxAndTheServerKeepsServing() throws {
        for (garbage, status) in [
            ("GARBAGE\r\n\r\n", "400 Bad Request"),
            ("GET\r\n\r\n", "400 Bad Request"),
            ("GET /api/experiments HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nContent-Length: -5\r\n\r\n", "400 Bad Request"),
            ("GET /api/changes HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nTransfer-Encoding: chunked\r\n\r\n", "501 Not Implemented"),
            ("\u{1}\u{2}\u{3}\r\n\r\n", "400 Bad Request"),
            ("GET /x HTTP/1.1\r\nX: " + String(repeating: "a", count: 20_000) + "\r\n\r\n", "431 Request Header Fields Too Large"),
            ("GET /x HTTP/2.0\r\n\r\n", "505 HTTP Version Not Supported"),
            ("BREW /api/experiments HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n\r\n", "405 Method Not Allowed"),
            ("GET /api/experiments HTTP/1.1\r\nConnection: close\r\n\r\n", "400 Bad Request"),
            ("POST /api/sql HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nContent-Length: 3\r\nConnection: close\r\n\r\n{\"x", "400 Bad Request"),
            ("GET /%ff%fe HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n\r\n", "400 Bad Request"),
        ] {
            let answer = try exchange(garbage)
            XCTAssertTrue(answer.hasPrefix("HTTP/1.1 \(status)\r\n"), "\(garbage.prefix(80).debugDescription): \(answer)")
            XCTAssertTrue(answer.contains("Content-Type: application/json; charset=utf-8\r\n"), answer)
            XCTAssertTrue(try get("/api/changes").hasPrefix("HTTP/1.1 200 OK\r\n"), "after \(garbage.prefix(80).debugDescription)")
        }
    }

    func testAKeptAliveConnectionServesRequestsInTurn() throws {
        let two = "GET /api/changes HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\n\r\n"
            + "GET /api/nothing HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n\r\n"
        let answers = try exchangeUntilClosed(two)
        XCTAssertTrue(answers.hasPrefix("HTTP/1.1 200 OK\r\n"), answers)
        XCTAssertTrue(answers.contains("Connection: keep-alive\r\n"), answers)
        XCTAssertTrue(answers.contains("\r\n\r\n{\"counter\":"), answers)
        XCTAssertTrue(answers.contains("HTTP/1.1 404 Not Found\r\n"), answers)
        XCTAssertTrue(answers.hasSuffix(#"{"error":"no API at /api/nothing"}"#), answers)
    }

    /// A connection that sends nothing, or half a request, is closed after
    /// the idle timeout (1 s here), and the server goes on serving.
    func testSilentConnectionsAreClosed() throws {
        let started = Date()
        XCTAssertEqual(try exchangeUntilClosed(""), "")
        XCTAssertEqual(try exchangeUntilClosed("GET /api/changes HTTP/1.1\r\nHost: 127.0.0.1"), "")
        XCTAssertLessThan(Date().timeIntervalSince(started), 5, "closed by the server, not by the 5 s receive timeout")
        XCTAssertTrue(try get("/api/changes").hasPrefix("HTTP/1.1 200 OK\r\n"))
    }

    func testAnOversizedBodyIsRefusedUnread() throws {
        let answer = try exchange("POST /api/sql HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nContent-Length: 999999999\r\nConnection: close\r\n\r\n{}")
        XCTAssertTrue(answer.hasPrefix("HTTP/1.1 413 Content Too Large\r\n"), answer)
    }
}
