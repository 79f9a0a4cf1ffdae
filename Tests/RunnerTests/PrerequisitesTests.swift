import Foundation
import XCTest

/// `scripts/prerequisites.sh`, which every make target runs first, against a
/// fake list (`RUNNER_PREREQUISITES`) of one header and one command in a
/// temporary directory, on a PATH of that directory alone: what is missing is
/// decided by the test, and no real package is ever installed.
final class PrerequisitesTests: XCTestCase {
    /// The temporary directory: the list, `include/fake.h` when present, and
    /// `bin/` (the PATH), where `swift` always is and `fake-tool` may be.
    private var root: URL!
    private var header: String { root.appendingPathComponent("include/fake.h").path }
    private var bin: URL { root.appendingPathComponent("bin") }

    override func setUpWithError() throws {
        root = try makeTemporaryDirectory()
        // Readable by everyone: one test runs the script as nobody.
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: root.path)
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: root.appendingPathComponent("include"), withIntermediateDirectories: true)
        // No newline after the last line, as some editors leave it.
        try """
            # package   needs                 uses
            fake-dev    \(header)   build
            fake-tool   fake-tool             test bench
            """.write(toFile: list, atomically: false, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: list)
        try executable("swift", "exit 0")
        // A copy, so that nobody can read it wherever the repository is.
        try FileManager.default.copyItem(
            at: RunnerProcess.repositoryRoot.appendingPathComponent("scripts/prerequisites.sh"),
            to: root.appendingPathComponent("prerequisites.sh"))
    }

    func testSaysNothingWhenEverythingIsPresent() throws {
        XCTAssertTrue(FileManager.default.createFile(atPath: header, contents: Data()))
        try executable("fake-tool", "exit 0")
        let output = try check(["build", "test"])
        XCTAssertEqual(output.status, 0, output.transcript)
        XCTAssertEqual(output.stdout + output.stderr, "", output.transcript)
    }

    func testChecksOnlyWhatTheUsesAskedForNeed() throws {
        let output = try check(["bench"])
        XCTAssertEqual(output.stderrLines, [
            "runner needs: the fake-tool command (for bench).",
            "This machine has no apt-get: install it with its package manager (Debian's packages: fake-tool).",
        ], output.transcript)
        XCTAssertEqual(output.status, 1, output.transcript)
    }

    func testWithoutAptGetSaysWhatIsNeededInWords() throws {
        let output = try check(["build", "test"])
        XCTAssertEqual(output.status, 1, output.transcript)
        XCTAssertEqual(output.stderrLines, [
            "runner needs: \(header) (for build), the fake-tool command (for test).",
            "This machine has no apt-get: install them with its package manager (Debian's packages: fake-dev fake-tool).",
        ], output.transcript)
    }

    func testWithoutRootPrintsTheAptGetCommand() throws {
        try fakeAptGet()
        let output = try check(["build", "test"], asNobody: geteuid() == 0)
        XCTAssertEqual(output.status, 1, output.transcript)
        XCTAssertEqual(output.stderrLines, [
            "runner needs: fake-dev (\(header), for build), fake-tool (the fake-tool command, for test).",
            "Install them with: sudo apt-get install -y fake-dev fake-tool",
        ], output.transcript)
        XCTAssertFalse(FileManager.default.fileExists(atPath: calls.path), "apt-get ran without root")
    }

    func testAsRootInstallsWhatIsMissingAndGoesOn() throws {
        try XCTSkipUnless(geteuid() == 0, "installing is for root; run the tests as root, as CI does")
        try fakeAptGet()
        let output = try check(["build", "test"])
        XCTAssertEqual(output.status, 0, output.transcript)
        XCTAssertEqual(output.stderrLines, [
            "runner: installing fake-dev (\(header), for build), fake-tool (the fake-tool command, for test) with apt-get",
        ], output.transcript)
        // apt-get update runs first only where this machine has no package lists.
        let calls = try String(contentsOf: calls, encoding: .utf8).split(separator: "\n")
        XCTAssertEqual(calls.last, "install -y -qq fake-dev fake-tool", calls.joined(separator: "\n"))
        XCTAssertTrue(FileManager.default.fileExists(atPath: header))
    }

    func testAnInstallThatLeavesItMissingFails() throws {
        try XCTSkipUnless(geteuid() == 0, "installing is for root; run the tests as root, as CI does")
        try executable("apt-get", "exit 0")
        let output = try check(["build"])
        XCTAssertEqual(output.status, 1, output.transcript)
        XCTAssertEqual(output.stderrLines.last,
            "runner: installed fake-dev, but still missing: fake-dev (\(header), for build); is \(list) right?",
            output.transcript)
    }

    func testAMissingSwiftPointsToSwiftOrg() throws {
        try FileManager.default.removeItem(at: bin.appendingPathComponent("swift"))
        let output = try check(["build", "test"])
        XCTAssertEqual(output.status, 1, output.transcript)
        XCTAssertEqual(output.stderrLines, [
            "runner needs: Swift 6 (the swift command, for build), which is not on PATH.",
            "Get it from https://swift.org/install and put its usr/bin on PATH.",
        ], output.transcript)
    }

    func testAnUnknownUseIsRefused() throws {
        let output = try check(["build", "tset"])
        XCTAssertEqual(output.status, 2, output.transcript)
        XCTAssertEqual(output.stderrLines, ["runner: \(list) has no use 'tset' (its uses: build test bench)"], output.transcript)
    }

    func testAPyPIPackageIsThereWhenItsVersionsMetadataIs() throws {
        try pipList()
        let metadata = root.appendingPathComponent("venv/lib/python3.11/site-packages/Fake_Pkg-1.2.dist-info")
        try FileManager.default.createDirectory(at: metadata, withIntermediateDirectories: true)
        let output = try check(["test"])
        XCTAssertEqual(output.status, 0, output.transcript)
        XCTAssertEqual(output.stdout + output.stderr, "", output.transcript)
    }

    func testWithoutRootPrintsTheVirtualEnvironmentAndPipCommands() throws {
        try pipList()
        // Another version's metadata is not the pinned one.
        let other = root.appendingPathComponent("venv/lib/python3.11/site-packages/fake_pkg-1.1.dist-info")
        try FileManager.default.createDirectory(at: other, withIntermediateDirectories: true)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: root.appendingPathComponent("venv").path)
        let venv = root.appendingPathComponent("venv").path
        let withoutAptGet = try check(["test"])
        XCTAssertEqual(withoutAptGet.status, 1, withoutAptGet.transcript)
        XCTAssertEqual(withoutAptGet.stderrLines, [
            "runner needs: the fakemod module in \(venv) (for test).",
            "The PyPI packages, with a Python 3 that has venv and pip (/usr/bin/python3 here):",
            "/usr/bin/python3 -m venv \(venv) && \(venv)/bin/python -m pip install fake-pkg==1.2",
        ], withoutAptGet.transcript)
        try fakeAptGet()
        let output = try check(["test"], asNobody: geteuid() == 0)
        XCTAssertEqual(output.status, 1, output.transcript)
        XCTAssertEqual(output.stderrLines, [
            "runner needs: fake-pkg==1.2 from PyPI (the fakemod module in \(venv), for test).",
            "Install it with: /usr/bin/python3 -m venv \(venv) && \(venv)/bin/python -m pip install fake-pkg==1.2",
        ], output.transcript)
    }

    /// A list of one PyPI package in ROOT/venv, for test, beside the fake
    /// tool, which is there.
    private func pipList() throws {
        try executable("fake-tool", "exit 0")
        try """
            # package          needs                   uses
            fake-tool          fake-tool               test
            pip:fake-pkg==1.2  \(root.path)/venv:fakemod  test
            """.write(toFile: list, atomically: false, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: list)
    }

    private var list: String { root.appendingPathComponent("list.txt").path }
    private var calls: URL { root.appendingPathComponent("apt-get-calls") }

    /// An apt-get that records its arguments and, asked to install, provides
    /// both prerequisites.
    private func fakeAptGet() throws {
        try executable("apt-get", """
            echo "$*" >> '\(calls.path)'
            [ "$1" = install ] || exit 0
            : > '\(header)'
            printf '#!/bin/sh\\n' > '\(bin.path)/fake-tool'
            /bin/chmod +x '\(bin.path)/fake-tool'
            """)
    }

    private func executable(_ name: String, _ body: String) throws {
        let path = bin.appendingPathComponent(name).path
        try "#!/bin/sh\n\(body)\n".write(toFile: path, atomically: false, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
    }

    /// `prerequisites.sh USES…` with only the fake bin on PATH, as the
    /// current user or, for root, as nobody.
    private func check(_ uses: [String], asNobody: Bool = false) throws -> ProcessOutput {
        var command = ["/bin/bash", root.appendingPathComponent("prerequisites.sh").path] + uses
        if asNobody {
            command = ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"] + command
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: command[0])
        process.arguments = Array(command.dropFirst())
        process.environment = ["PATH": bin.path, "RUNNER_PREREQUISITES": list]
        let stdout = Pipe(), stderr = Pipe()
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        // The script says a few lines at most, far less than a pipe holds.
        process.waitUntilExit()
        return ProcessOutput(
            status: process.terminationStatus,
            stdout: String(decoding: stdout.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self),
            stderr: String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self))
    }
}
