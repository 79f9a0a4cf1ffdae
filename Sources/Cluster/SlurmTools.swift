import Foundation

/// Slurm's command-line tools (`sbatch`, `scancel`, `squeue`, `sacct`), found
/// on PATH and run to completion; their failures carry Slurm's own words.
public struct SlurmTools: SlurmClient {
    private let searchPath: String

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        searchPath = environment["PATH"] ?? "/usr/bin:/bin"
    }

    public func submit(script: String) throws(ClusterError) -> String {
        let output = try run("sbatch", ["--parsable"], script: script)
        // --parsable prints `ID` or `ID;CLUSTER`.
        let id = output.split(separator: "\n").last.map { String($0.split(separator: ";")[0]) } ?? ""
        guard !id.isEmpty, id.allSatisfy(\.isNumber) else {
            throw ClusterError(.slurm, "sbatch: answered \"\(output.trimmingCharacters(in: .whitespacesAndNewlines))\" instead of a job id")
        }
        return id
    }

    public func cancel(jobID: String) throws(ClusterError) {
        _ = try run("scancel", [jobID])
    }

    public func queue(jobIDs: [String]) throws(ClusterError) -> [[String]] {
        do throws(ClusterError) {
            return Self.rows(try run("squeue", [
                "--noheader", "--states=all", "--jobs=\(jobIDs.joined(separator: ","))", "--format=%i|%j|%T|%M|%r",
            ]))
        } catch where error.message.contains("Invalid job id specified") {
            // Asked only about jobs it has forgotten, squeue says so as an error.
            return []
        }
    }

    public func accounting(jobIDs: [String]) throws(ClusterError) -> [[String]] {
        Self.rows(try run("sacct", [
            "--noheader", "--parsable2", "--jobs=\(jobIDs.joined(separator: ","))",
            "--format=JobID,JobName,State,Elapsed,ExitCode",
        ]))
    }

    /// `a|b|c` lines as rows of fields, empty fields kept.
    private static func rows(_ output: String) -> [[String]] {
        output.split(separator: "\n").map { $0.split(separator: "|", omittingEmptySubsequences: false).map(String.init) }
    }

    /// Runs `tool ARGUMENTS… [SCRIPT FILE]` and returns its standard output;
    /// throws when it is missing, cannot be run or exits non-zero. The
    /// script goes in a file rather than standard input, so a tool that
    /// exits before reading it cannot end this process with SIGPIPE.
    private func run(_ tool: String, _ arguments: [String], script: String? = nil) throws(ClusterError) -> String {
        guard let executable = locate(tool) else {
            throw ClusterError(.slurm, "\(tool): not found on PATH; install Slurm's client commands "
                + "(Debian: apt-get install slurm-client) or run where they are")
        }
        do {
            return try run(executable, named: tool, arguments, script: script)
        } catch let failure as ClusterError {
            throw failure
        } catch {
            throw ClusterError(.slurm, "\(tool): cannot write its scratch files: \(error.localizedDescription)")
        }
    }

    private func run(_ executable: String, named tool: String, _ arguments: [String], script: String?) throws -> String {
        // Output to files, never pipes: a chatty tool cannot stall on a full pipe.
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("runner-slurm-\(UUID().uuidString)")
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

        var scriptArguments: [String] = []
        if let script {
            let scriptURL = scratch.appendingPathComponent("job.sbatch")
            try Data(script.utf8).write(to: scriptURL)
            scriptArguments = [scriptURL.path]
        }

        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments + scriptArguments
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = stdout
        process.standardError = stderr
        do {
            try process.run()
        } catch {
            throw ClusterError(.slurm, "\(tool): cannot start \(executable): \(error.localizedDescription)")
        }
        process.waitUntilExit()

        let output = String(decoding: (try? Data(contentsOf: stdoutURL)) ?? Data(), as: UTF8.self)
        let errors = String(decoding: (try? Data(contentsOf: stderrURL)) ?? Data(), as: UTF8.self)
        guard process.terminationReason == .exit, process.terminationStatus == 0 else {
            throw ClusterError(.slurm, Self.message(tool: tool, stderr: errors, status: process.terminationStatus))
        }
        return output
    }

    /// Slurm's complaint in one line: its `sbatch: error: …` lines without
    /// the repeated prefix, joined with `; `.
    private static func message(tool: String, stderr: String, status: Int32) -> String {
        let lines = stderr.split(whereSeparator: \.isNewline).map { line -> String in
            var text = line.trimmingCharacters(in: .whitespaces)
            for prefix in ["\(tool): error: ", "\(tool): "] where text.hasPrefix(prefix) {
                text.removeFirst(prefix.count)
                break
            }
            return text
        }
        .filter { !$0.isEmpty }
        return "\(tool): " + (lines.isEmpty ? "exited with status \(status)" : lines.joined(separator: "; "))
    }

    private func locate(_ tool: String) -> String? {
        searchPath.split(separator: ":").map { "\($0)/\(tool)" }
            .first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}
