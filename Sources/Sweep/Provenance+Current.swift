import Backprop
import Foundation
import Results

extension Provenance {
    /// This process: the given version, the source commit of the working
    /// directory (`-dirty` when it has uncommitted changes), the kernel
    /// variant it trains with, host and pid.
    public static func current(runnerVersion: String) -> Provenance {
        Provenance(
            runnerVersion: runnerVersion, gitCommit: gitCommit(), kernels: KernelVariant.default.rawValue,
            host: ProcessInfo.processInfo.hostName, pid: getpid())
    }

    private static func gitCommit() -> String? {
        guard let commit = git(["rev-parse", "HEAD"]), !commit.isEmpty else { return nil }
        let changes = git(["status", "--porcelain", "--untracked-files=no"]) ?? ""
        return changes.isEmpty ? commit : commit + "-dirty"
    }

    private static func git(_ arguments: [String]) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git"] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
