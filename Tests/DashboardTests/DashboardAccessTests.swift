import XCTest
@testable import Dashboard

/// Who may talk to the dashboard: the Host header against DNS rebinding,
/// the token beyond loopback, and only the embedded assets.
final class DashboardAccessTests: XCTestCase {
    func testAHostItIsNotBoundToIsRefused() throws {
        let dashboard = try DashboardFixture(testCase: self).dashboard()
        let refused = dashboard.respond(to: DashboardFixture.get("/api/experiments", host: "attacker.example:8080"))
        XCTAssertEqual(refused.status, 421)
        XCTAssertEqual(refused.errorMessage, "host attacker.example:8080 is not a name this server is bound to")
        let noHost = dashboard.respond(to: DashboardRequest(path: "/api/experiments"))
        XCTAssertEqual(noHost.status, 400)
        XCTAssertEqual(noHost.errorMessage, "a Host header is required")
        for host in ["127.0.0.1:8080", "localhost:8080", "LOCALHOST", "[::1]:8080"] {
            XCTAssertEqual(dashboard.respond(to: DashboardFixture.get("/api/experiments", host: host)).status, 200, host)
        }
    }

    func testTheNamesOfABoundHost() {
        XCTAssertEqual(DashboardAccess.names(boundTo: "127.0.0.1"), ["127.0.0.1", "localhost", "::1", "[::1]"])
        XCTAssertEqual(DashboardAccess.names(boundTo: "192.168.1.5"), ["192.168.1.5"])
        XCTAssertEqual(DashboardAccess.names(boundTo: "fe80::1"), ["fe80::1", "[fe80::1]"])
        XCTAssertEqual(DashboardAccess.hostName(of: "[::1]:8080"), "[::1]")
        XCTAssertEqual(DashboardAccess.hostName(of: "Example.org:80"), "example.org")
    }

    func testATokenIsRequiredAndThenKeptInACookie() throws {
        let dashboard = try DashboardFixture(testCase: self).dashboard(token: "s3cret")
        let without = dashboard.respond(to: DashboardFixture.get("/api/experiments"))
        XCTAssertEqual(without.status, 403)
        XCTAssertEqual(without.errorMessage, "this server needs its token: open the URL it printed, with ?token=")
        XCTAssertEqual(dashboard.respond(to: DashboardFixture.get("/", [("token", "wrong")])).status, 403)
        let first = dashboard.respond(to: DashboardFixture.get("/", [("token", "s3cret")]))
        XCTAssertEqual(first.status, 200)
        XCTAssertEqual(first.headers["Set-Cookie"], "runner_token=s3cret; Path=/; HttpOnly; SameSite=Strict")
        var next = DashboardFixture.get("/api/experiments")
        next.headers["cookie"] = "theme=dark; runner_token=s3cret"
        XCTAssertEqual(dashboard.respond(to: next).status, 200)
        XCTAssertNil(dashboard.respond(to: next).headers["Set-Cookie"])
    }

    func testOnlyTheEmbeddedAssetsAreServed() throws {
        let dashboard = try DashboardFixture(testCase: self).dashboard()
        let script = dashboard.respond(to: DashboardFixture.get("/assets/app.js"))
        XCTAssertEqual(script.status, 200)
        XCTAssertEqual(script.contentType, "text/javascript; charset=utf-8")
        XCTAssertEqual(script.text, Assets.appJS)
        for path in ["/assets/../Package.swift", "/assets/%2e%2e/Package.swift", "/assets/app.js/x", "/etc/passwd",
                     "/assets/", "/experiments", "/runs/1/x", "/favicon.ico"] {
            let response = dashboard.respond(to: DashboardFixture.get(path))
            XCTAssertEqual(response.status, 404, path)
            XCTAssertEqual(response.contentType, "application/json; charset=utf-8", path)
        }
        for page in ["/", "/experiments/eta", "/compare", "/runs/3", "/sql"] {
            let response = dashboard.respond(to: DashboardFixture.get(page))
            XCTAssertEqual(response.status, 200, page)
            XCTAssertEqual(response.text, Assets.indexHTML, page)
        }
    }

    func testOnlyReadingMethodsAndTheConsolesPostAreAllowed() throws {
        let dashboard = try DashboardFixture(testCase: self).dashboard()
        for method in ["PUT", "DELETE", "PATCH", "BREW"] {
            var request = DashboardFixture.get("/api/experiments")
            request.method = method
            let response = dashboard.respond(to: request)
            XCTAssertEqual(response.status, 405, method)
            XCTAssertEqual(response.errorMessage, "method \(method) is not allowed: the dashboard only reads")
        }
        var post = DashboardFixture.get("/api/experiments")
        post.method = "POST"
        XCTAssertEqual(dashboard.respond(to: post).status, 405)
    }

    func testEveryAnswerIsUncachedAndNotSniffed() throws {
        let response = try DashboardFixture(testCase: self).dashboard().respond(to: DashboardFixture.get("/api/nothing"))
        XCTAssertEqual(response.status, 404)
        XCTAssertEqual(response.headers["Cache-Control"], "no-store")
        XCTAssertEqual(response.headers["X-Content-Type-Options"], "nosniff")
    }
}
