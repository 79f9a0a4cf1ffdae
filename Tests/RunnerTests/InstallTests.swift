import Foundation
import XCTest

/// `make install`: PREFIX/bin/runner and the data beside it, and a word on PATH.
final class InstallTests: XCTestCase {
    /// Installed into a fresh PREFIX, the binary runs and finds the installed
    /// data from any directory; make says where it went and whether
    /// PREFIX/bin is on PATH.
    func testInstallsAWorkingRunnerAndItsData() throws {
        let prefix = try makeTemporaryDirectory()
        let p = prefix.path
        let runner = try XCTUnwrap(RunnerProcess.executable)
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"

        let installed = try make(["install", "PREFIX=\(p)", "RUNNER=\(runner.path)"], environment: ["PATH": path])

        XCTAssertEqual(installed.status, 0, installed.transcript)
        XCTAssertEqual(installed.stdoutLines, [
            "installed \(p)/bin/runner, and data/ in \(p)/share/runner/data",
            "\(p)/bin is not on PATH: run \(p)/bin/runner, or add it: export PATH=\"\(p)/bin:$PATH\"",
        ])
        let binary = prefix.appendingPathComponent("bin/runner")
        XCTAssertTrue(FileManager.default.isExecutableFile(atPath: binary.path))
        let version = try RunnerProcess.execute(binary, ["--version"], in: prefix)
        XCTAssertEqual(version.status, 0, version.transcript)
        XCTAssertEqual(version.stdout, "0.1.0\n")
        let datasets = try RunnerProcess.execute(binary, ["datasets", "mnist"], environment: ["RUNNER_DATA": ""], in: prefix)
        XCTAssertEqual(datasets.status, 0, datasets.transcript)
        XCTAssertEqual(datasets.stdoutLines[2].split(separator: " ").map(String.init), [
            "mnist", "60000", "10000", "10", "b2d8f5bf39174ee5ffeefa97e42d673c35432b411bb5d1f74fbbeddae7f1690a",
            "\(p)/share/runner/data/mnist", "runner's", "install", "prefix",
        ])

        let again = try make(["install", "PREFIX=\(p)", "RUNNER=\(runner.path)"], environment: ["PATH": "\(p)/bin:" + path])
        XCTAssertEqual(again.status, 0, again.transcript)
        XCTAssertEqual(again.stdoutLines.last, "\(p)/bin is on PATH: run runner")
    }

    /// PREFIX defaults to /usr/local for root and ~/.local for anyone else
    /// (shown by make -n, which installs nothing).
    func testPrefixDefaultsByUser() throws {
        let runner = try XCTUnwrap(RunnerProcess.executable)
        let home = ProcessInfo.processInfo.environment["HOME"] ?? ""
        let prefix = geteuid() == 0 ? "/usr/local" : home + "/.local"

        let output = try make(["-n", "install", "RUNNER=\(runner.path)"])

        XCTAssertEqual(output.status, 0, output.transcript)
        XCTAssertTrue(output.stdoutLines.contains("mkdir -p '\(prefix)/bin' '\(prefix)/share/runner/data'"), output.transcript)
    }

    private func make(_ arguments: [String], environment: [String: String] = [:]) throws -> ProcessOutput {
        try RunnerProcess.execute(URL(fileURLWithPath: "/usr/bin/make"), ["--no-print-directory"] + arguments, environment: environment)
    }
}
