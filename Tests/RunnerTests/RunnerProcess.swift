import Foundation
import XCTest

/// What a finished child process left behind.
struct ProcessOutput {
    /// The exit status, or 128 + the signal number for a process killed by a
    /// signal (as shells report it), so a crash never passes for an exit code.
    let status: Int32
    let stdout: String
    let stderr: String

    var stdoutLines: [String] { Self.lines(stdout) }
    var stderrLines: [String] { Self.lines(stderr) }

    /// Everything the process said, for failure messages.
    var transcript: String { "exit \(status)\n--- stdout\n\(stdout)--- stderr\n\(stderr)" }

    private static func lines(_ text: String) -> [String] {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        return lines
    }
}

/// Runs the `runner` executable built next to this test bundle, as a user
/// would: a real process in the repository root, so `mnist` resolves to
/// `data/mnist` and relative paths mean what they mean on the command line.
enum RunnerProcess {
    /// `<repo>`, three levels above this file (`<repo>/Tests/RunnerTests/RunnerProcess.swift`).
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The `runner` binary of the same build as these tests.
    ///
    /// Like swift-argument-parser's own tests, it looks in the directory that
    /// holds the test bundle: `swift build --build-tests` puts the bundle and
    /// the executable side by side (`<scratch>/debug/`), whatever the scratch
    /// path or build configuration, so the tests always run the binary built
    /// with them. On Linux the bundle is the `.xctest` executable and
    /// `Bundle.main` is its directory; on macOS it is a `.xctest` directory
    /// whose parent holds the products. `<repo>/.build/debug/runner` (the
    /// default scratch path) is the fallback when the bundle is elsewhere.
    static let executable: URL? = {
        var productDirectories: [URL] = []
        for bundle in [Bundle.main] + Bundle.allBundles where bundle.bundleURL.pathExtension == "xctest" {
            productDirectories.append(bundle.bundleURL.deletingLastPathComponent())
        }
        productDirectories.append(Bundle.main.bundleURL)
        if let executable = Bundle.main.executableURL {
            productDirectories.append(executable.deletingLastPathComponent())
        }
        productDirectories.append(repositoryRoot.appendingPathComponent(".build/debug"))
        return productDirectories
            .map { $0.appendingPathComponent("runner") }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }()

    /// Runs `runner ARGUMENTS…` to completion, with `environment` added to
    /// this process's environment, in `directory` (the repository root unless given).
    static func run(
        _ arguments: [String], environment: [String: String] = [:], in directory: URL = repositoryRoot,
        file: StaticString = #filePath, line: UInt = #line
    ) throws -> ProcessOutput {
        let runner = try XCTUnwrap(
            executable, "no runner executable beside the test bundle nor in .build/debug; build with `swift build --build-tests`",
            file: file, line: line)
        return try execute(runner, arguments, environment: environment, in: directory)
    }

    /// Runs any program to completion in `directory` (the repository root
    /// unless given), standard input empty, with `environment` added to this
    /// process's environment. Output goes to files rather than pipes, so a
    /// chatty process can never block on a full pipe while the test waits
    /// for it to exit.
    static func execute(
        _ program: URL, _ arguments: [String], environment: [String: String] = [:], in directory: URL = repositoryRoot
    ) throws -> ProcessOutput {
        let scratch = FileManager.default.temporaryDirectory
            .appendingPathComponent("RunnerTests-output-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let stdoutURL = scratch.appendingPathComponent("stdout")
        let stderrURL = scratch.appendingPathComponent("stderr")
        try Data().write(to: stdoutURL)
        try Data().write(to: stderrURL)
        let stdout = try FileHandle(forWritingTo: stdoutURL)
        let stderr = try FileHandle(forWritingTo: stderrURL)
        defer {
            try? stdout.close()
            try? stderr.close()
        }

        let process = Process()
        process.executableURL = program
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, added in added }
        process.currentDirectoryURL = directory
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        process.waitUntilExit()

        let status = process.terminationReason == .uncaughtSignal
            ? 128 + process.terminationStatus : process.terminationStatus
        return ProcessOutput(
            status: status,
            stdout: try String(contentsOf: stdoutURL, encoding: .utf8),
            stderr: try String(contentsOf: stderrURL, encoding: .utf8))
    }
}
