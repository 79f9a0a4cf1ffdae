import Foundation
import XCTest

/// `runner serve`: its URL first, a read-only server beside the database,
/// and a clean stop on Ctrl-C.
final class ServeCommandTests: XCTestCase {
    private var sweep: SmokeSweep!

    override func setUpWithError() throws {
        sweep = SmokeSweep(in: try makeTemporaryDirectory())
        try sweep.runToCompletion()
    }

    /// Starts `runner serve --db DB --port 0 FLAGS…` and waits for its URL.
    private func serve(_ flags: [String] = []) throws -> (child: RunnerChild, url: String) {
        let child = try startRunner(["serve", "--db", sweep.db, "--port", "0"] + flags)
        try poll("the URL on standard output") {
            guard child.isRunning else { throw PollFailure("serve exited: \(child.stderr)") }
            return child.stdout.contains("\n")
        }
        return (child, String(child.stdout.split(separator: "\n")[0]))
    }

    private func fetch(_ url: String) throws -> (status: Int, body: String) {
        let output = try RunnerProcess.execute(
            URL(fileURLWithPath: "/usr/bin/curl"), ["-s", "-o", "-", "-w", "\n%{http_code}", url])
        var lines = output.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        let status = Int(lines.removeLast()) ?? 0
        return (status, lines.joined(separator: "\n"))
    }

    func testPrintsItsURLFirstServesAndStopsCleanlyOnCtrlC() throws {
        let before = try sweep.databaseBytes()
        let (child, url) = try serve()
        XCTAssertNotNil(url.wholeMatch(of: /http:\/\/127\.0\.0\.1:[0-9]+\//), url)
        let experiments = try fetch(url + "api/experiments")
        XCTAssertEqual(experiments.status, 200)
        XCTAssertTrue(experiments.body.contains(#""name":"smoke""#), experiments.body)
        XCTAssertEqual(try fetch(url + "experiments/smoke").status, 200)
        child.signal(SIGINT)
        let output = try child.waitForExit()
        XCTAssertEqual(output.status, 0, output.transcript)
        XCTAssertEqual(output.stdout, "\(url)\nserving \(sweep.db) read-only; Ctrl-C stops\nstopped\n")
        XCTAssertEqual(try sweep.databaseBytes(), before, "serving wrote nothing")
    }

    func testServesADatabaseOnAReadOnlyMount() throws {
        let mount = try TmpfsMount(size: "8m", in: sweep.directory, for: self)
        let db = (mount.path as NSString).appendingPathComponent("results.sqlite")
        try FileManager.default.copyItem(atPath: sweep.db, toPath: db)
        try mount.remountReadOnly()
        let child = try startRunner(["serve", "--db", db, "--port", "0"])
        try poll("the URL on standard output") {
            guard child.isRunning else { throw PollFailure("serve exited: \(child.stderr)") }
            return child.stdout.contains("\n")
        }
        let url = String(child.stdout.split(separator: "\n")[0])
        let runs = try fetch(url + "api/experiments/smoke")
        XCTAssertEqual(runs.status, 200, runs.body)
        XCTAssertEqual(runs.body.components(separatedBy: #""status":"done""#).count - 1, 4, runs.body)
        child.signal(SIGINT)
        XCTAssertEqual(try child.waitForExit().status, 0)
    }

    func testBeyondLoopbackItNeedsAToken() throws {
        let (child, url) = try serve(["--host", "0.0.0.0"])
        let match = try XCTUnwrap(url.wholeMatch(of: /http:\/\/0\.0\.0\.0:([0-9]+)\/\?token=([0-9a-f]{48})/), url)
        let port = match.1
        let token = match.2
        // Requests name a host it is bound to: 0.0.0.0 itself.
        XCTAssertEqual(try fetch("http://0.0.0.0:\(port)/api/experiments").status, 403)
        XCTAssertEqual(try fetch("http://0.0.0.0:\(port)/api/experiments?token=\(token)").status, 200)
        XCTAssertEqual(try fetch("http://127.0.0.1:\(port)/api/experiments?token=\(token)").status, 421, "not the name it was given")
        child.signal(SIGTERM)
        XCTAssertEqual(try child.waitForExit().status, 0)
    }

    func testAGivenTokenIsTheOnePrinted() throws {
        let (child, url) = try serve(["--host", "0.0.0.0", "--token", "my-token"])
        XCTAssertTrue(url.hasSuffix("/?token=my-token"), url)
        child.signal(SIGINT)
        XCTAssertEqual(try child.waitForExit().status, 0)
    }

    func testBadOptionsAndAMissingDatabaseExit2() throws {
        let missing = try RunnerProcess.run(["serve", "--db", sweep.directory.appendingPathComponent("none.sqlite").path])
        XCTAssertEqual(missing.status, 2)
        XCTAssertEqual(missing.stderr, "runner: error: \(sweep.directory.appendingPathComponent("none.sqlite").path): no such database (run a sweep first, or pass --db)\n")
        let port = try RunnerProcess.run(["serve", "--db", sweep.db, "--port", "70000"])
        XCTAssertEqual(port.status, 2)
        XCTAssertTrue(port.stderr.hasPrefix("Error: --port must be 0 to 65535, not 70000\n"), port.stderr)
        let token = try RunnerProcess.run(["serve", "--db", sweep.db, "--token", "a b"])
        XCTAssertEqual(token.status, 2)
        XCTAssertTrue(token.stderr.hasPrefix("Error: --token must be letters, digits, - and _ only\n"), token.stderr)
        let host = try RunnerProcess.run(["serve", "--db", sweep.db, "--host", "not an address"])
        XCTAssertEqual(host.status, 2)
        XCTAssertTrue(host.stderr.hasPrefix("runner: error: --host not an address: not an address to listen on"), host.stderr)
    }

    func testAPortInUseIsARuntimeError() throws {
        let (child, url) = try serve()
        let port = try XCTUnwrap(url.split(separator: ":").last?.dropLast())
        let second = try RunnerProcess.run(["serve", "--db", sweep.db, "--port", String(port)])
        XCTAssertEqual(second.status, 1, second.transcript)
        XCTAssertTrue(second.stderr.hasPrefix("runner: error: cannot listen on 127.0.0.1:\(port): "), second.stderr)
        child.signal(SIGINT)
        XCTAssertEqual(try child.waitForExit().status, 0)
    }
}
