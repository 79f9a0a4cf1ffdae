import Foundation
import XCTest

/// The Slurm cluster the end-to-end tests submit to: the local one that
/// `scripts/slurm-local.sh start` runs, or any whose client commands are on PATH.
enum SlurmCluster {
    struct Unavailable: Error, CustomStringConvertible {
        let description: String
    }

    static func tool(_ name: String) -> URL? {
        (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
            .map { URL(fileURLWithPath: String($0)).appendingPathComponent(name) }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    /// Why no job can be submitted here, or nil when a controller answers.
    static let unavailableReason: String? = {
        let start = "start one with `scripts/slurm-local.sh start` (after `apt-get install -y slurm-wlm munge`)"
        for name in ["sbatch", "squeue", "scancel", "sinfo"] where tool(name) == nil {
            return "\(name) is not on PATH; \(start)"
        }
        guard let sinfo = tool("sinfo"), let output = try? RunnerProcess.execute(sinfo, ["--noheader"]) else {
            return "sinfo could not be run; \(start)"
        }
        guard output.status == 0 else {
            return "no Slurm controller answers (sinfo: \(output.stderr.trimmingCharacters(in: .whitespacesAndNewlines))); \(start)"
        }
        return nil
    }()

    /// `tool ARGUMENTS…`, which must succeed; its standard output lines.
    static func run(_ name: String, _ arguments: [String], file: StaticString = #filePath, line: UInt = #line) throws -> [String] {
        let program = try XCTUnwrap(tool(name), "\(name) is not on PATH", file: file, line: line)
        let output = try RunnerProcess.execute(program, arguments)
        guard output.status == 0 else { throw Unavailable(description: "\(name) \(arguments.joined(separator: " ")): \(output.transcript)") }
        return output.stdoutLines
    }

    /// `JOBID STATE` for each job and array task of `jobs` the controller
    /// still knows, finished ones included, sorted.
    static func states(_ jobs: [String], file: StaticString = #filePath, line: UInt = #line) throws -> [String] {
        try run("squeue", ["--noheader", "--states=all", "--jobs=\(jobs.joined(separator: ","))", "--format=%i %T"], file: file, line: line)
            .map { $0.trimmingCharacters(in: .whitespaces) }.sorted()
    }

    /// Whether `task` (`ARRAY_INDEX`) is still pending, running or ending.
    static func isActive(_ task: String, file: StaticString = #filePath, line: UInt = #line) throws -> Bool {
        try !run("squeue", ["--noheader", "--jobs=\(task)", "--format=%i"], file: file, line: line).isEmpty
    }

    /// Polls squeue, a few times a second, until none of `jobs` is pending,
    /// running or ending; fails the test after `pollTimeout`.
    static func waitUntilEnded(_ jobs: [String], file: StaticString = #filePath, line: UInt = #line) throws {
        let squeue = try XCTUnwrap(tool("squeue"), "squeue is not on PATH", file: file, line: line)
        let deadline = Date().addingTimeInterval(pollTimeout)
        while true {
            let output = try RunnerProcess.execute(squeue, ["--noheader", "--jobs=\(jobs.joined(separator: ","))", "--format=%i %T"])
            // Asked only about jobs it no longer remembers, squeue fails with this.
            if output.status != 0, output.stderr.contains("Invalid job id specified") { return }
            guard output.status == 0 else { throw PollFailure("squeue failed while waiting for jobs: \(output.transcript)") }
            if output.stdoutLines.isEmpty { return }
            guard Date() < deadline else {
                XCTFail("jobs still queued after \(Int(pollTimeout)) s: \(output.stdoutLines)", file: file, line: line)
                throw PollFailure("gave up waiting for jobs \(jobs)")
            }
            // Paces the polls: each one is a request to the controller.
            usleep(200_000)
        }
    }
}

extension XCTestCase {
    /// Skips the test, saying why, when no Slurm cluster answers here; under
    /// CI (`CI=true`) that fails it instead, so CI always runs these tests.
    func requireSlurm(file: StaticString = #filePath, line: UInt = #line) throws {
        guard let reason = SlurmCluster.unavailableReason else { return }
        if ProcessInfo.processInfo.environment["CI"] == "true" {
            XCTFail("CI=true, so the Slurm tests must run, but \(reason)", file: file, line: line)
            throw SlurmCluster.Unavailable(description: reason)
        }
        throw XCTSkip("no Slurm cluster: \(reason)", file: file, line: line)
    }

    /// Cancels `jobs` when the test ends, in case it ended before they did.
    func cancelAtTeardown(_ jobs: [String]) {
        addTeardownBlock {
            if let scancel = SlurmCluster.tool("scancel") { _ = try? RunnerProcess.execute(scancel, jobs) }
        }
    }
}
