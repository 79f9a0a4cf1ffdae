import Foundation
import XCTest

/// A `runner` started in the background, for tests that watch it mid-way,
/// signal it or kill it. Output goes to files (never a pipe that could fill
/// and stall it), readable while it runs.
final class RunnerChild {
    private let process = Process()
    private let scratch: URL
    private let stdoutURL: URL
    private let stderrURL: URL
    private let outputHandles: [FileHandle]
    private var finished: ProcessOutput?

    /// Starts `runner ARGUMENTS…` in the repository root.
    init(_ arguments: [String], file: StaticString = #filePath, line: UInt = #line) throws {
        let runner = try XCTUnwrap(
            RunnerProcess.executable, "no runner executable beside the test bundle; build with `swift build --build-tests`",
            file: file, line: line)
        scratch = FileManager.default.temporaryDirectory.appendingPathComponent("RunnerChild-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        stdoutURL = scratch.appendingPathComponent("stdout")
        stderrURL = scratch.appendingPathComponent("stderr")
        try Data().write(to: stdoutURL)
        try Data().write(to: stderrURL)
        process.executableURL = runner
        process.arguments = arguments
        process.currentDirectoryURL = RunnerProcess.repositoryRoot
        process.standardInput = FileHandle.nullDevice
        outputHandles = [try FileHandle(forWritingTo: stdoutURL), try FileHandle(forWritingTo: stderrURL)]
        process.standardOutput = outputHandles[0]
        process.standardError = outputHandles[1]
        try process.run()
    }

    deinit {
        discard()
    }

    /// Stops it and removes its output files. XCTest keeps every test case,
    /// and with it every teardown block and what it holds, until the process
    /// exits, when no deinit runs: so the teardown discards the child itself.
    func discard() {
        stop()
        try? FileManager.default.removeItem(at: scratch)
    }

    var pid: Int32 { process.processIdentifier }
    var isRunning: Bool { process.isRunning }

    /// What it has written to standard output so far.
    var stdout: String {
        (try? String(contentsOf: stdoutURL, encoding: .utf8)) ?? ""
    }

    /// What it has written to standard error so far.
    var stderr: String {
        (try? String(contentsOf: stderrURL, encoding: .utf8)) ?? ""
    }

    func signal(_ number: Int32) {
        kill(pid, number)
    }

    /// Waits for it to exit (reaped, so its pid is gone) and returns its output.
    @discardableResult
    func waitForExit() throws -> ProcessOutput {
        if let finished { return finished }
        process.waitUntilExit()
        for handle in outputHandles { try? handle.close() }
        let status = process.terminationReason == .uncaughtSignal
            ? 128 + process.terminationStatus : process.terminationStatus
        let output = ProcessOutput(
            status: status,
            stdout: try String(contentsOf: stdoutURL, encoding: .utf8),
            stderr: try String(contentsOf: stderrURL, encoding: .utf8))
        finished = output
        return output
    }

    /// Kills it if it still runs (a test that failed half-way) and reaps it.
    func stop() {
        guard finished == nil else { return }
        if process.isRunning { kill(pid, SIGKILL) }
        _ = try? waitForExit()
    }

    /// Polls its standard error until a line equals `line`.
    func waitForStderrLine(_ line: String, file: StaticString = #filePath, sourceLine: UInt = #line) throws {
        try poll("standard error to show \"\(line)\"", file: file, line: sourceLine) {
            if stderr.split(separator: "\n").contains(line[...]) { return true }
            guard isRunning else {
                throw PollFailure("the runner exited before printing \"\(line)\"; stderr:\n\(stderr)")
            }
            return false
        }
    }
}

extension XCTestCase {
    /// Starts a background runner that the test's teardown kills if the
    /// test ends before it does, and whose output files the teardown removes.
    func startRunner(_ arguments: [String], file: StaticString = #filePath, line: UInt = #line) throws -> RunnerChild {
        let child = try RunnerChild(arguments, file: file, line: line)
        addTeardownBlock { child.discard() }
        return child
    }
}
