import Foundation
import XCTest

/// A `sqlite3` shell kept open on a database while a sweep writes it: reads
/// it many times a second without starting a process for each read, and
/// holds the database's write lock on demand.
///
/// Holding the lock freezes a sweep at its next commit (an epoch, a claim,
/// a finish: each waits for the lock), so what the session reads stays what
/// is committed until it lets go. Tests use that to stop a sweep at an exact
/// state before they signal or kill it. The sweep waits up to its 10-second
/// busy timeout, far longer than a test holds the lock.
final class SQLiteSession {
    private let process = Process()
    private let input = Pipe()
    private let output = Pipe()
    private let errorsURL: URL
    private var buffered = Data()
    private var queries = 0

    /// Opens `database`, which must exist: the shell would create a missing one.
    init(_ database: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let shell = try XCTUnwrap(SQLiteShell.executable, "the sqlite3 command-line shell is not installed", file: file, line: line)
        XCTAssertTrue(FileManager.default.fileExists(atPath: database), "\(database) does not exist", file: file, line: line)
        errorsURL = FileManager.default.temporaryDirectory.appendingPathComponent("SQLiteSession-\(UUID().uuidString)")
        try Data().write(to: errorsURL)
        process.executableURL = shell
        process.arguments = ["-batch", "-list", "-noheader", "-separator", "|", database]
        process.standardInput = input
        process.standardOutput = output
        process.standardError = try FileHandle(forWritingTo: errorsURL)
        try process.run()
        // Waits out the sweep's own short write transactions rather than failing.
        _ = try execute(".timeout 20000")
    }

    deinit {
        close()
        try? FileManager.default.removeItem(at: errorsURL)
    }

    /// The rows of `sql`, each a list of fields; throws SQLite's message
    /// when the statement fails (a table not created yet, say).
    func rows(_ sql: String) throws -> [[String]] {
        try execute(sql.hasSuffix(";") ? sql : sql + ";").map { $0.split(separator: "|", omittingEmptySubsequences: false).map(String.init) }
    }

    /// Takes the write lock (`BEGIN IMMEDIATE`); returns once it is held.
    func lockWrites() throws {
        _ = try execute("BEGIN IMMEDIATE;")
    }

    func unlockWrites() throws {
        _ = try execute("ROLLBACK;")
    }

    /// Ends the shell (releasing any lock it holds) and waits for it.
    func close() {
        guard process.isRunning else { return }
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
    }

    /// Sends `command` and a marker, and collects the lines printed before the marker.
    private func execute(_ command: String) throws -> [String] {
        queries += 1
        let marker = "--end of query \(queries)--"
        let errorsBefore = try Data(contentsOf: errorsURL).count
        input.fileHandleForWriting.write(Data("\(command)\n.print '\(marker)'\n".utf8))
        var lines: [String] = []
        while true {
            if let newline = buffered.firstIndex(of: UInt8(ascii: "\n")) {
                let line = String(decoding: buffered[buffered.startIndex ..< newline], as: UTF8.self)
                buffered = Data(buffered[buffered.index(after: newline)...])
                if line == marker { break }
                lines.append(line)
                continue
            }
            let data = output.fileHandleForReading.availableData
            guard !data.isEmpty else { throw PollFailure("sqlite3 exited while running `\(command)`") }
            buffered.append(data)
        }
        let errors = try Data(contentsOf: errorsURL)
        if errors.count > errorsBefore {
            throw PollFailure("sqlite3: `\(command)`: " + String(decoding: errors[errorsBefore...], as: UTF8.self))
        }
        return lines
    }
}
