import Foundation
import XCTest

/// The `sqlite3` command-line shell: reads the runner's databases with a
/// different SQLite client than the one that wrote them.
enum SQLiteShell {
    static let executable: URL? = ["/usr/bin/sqlite3", "/usr/local/bin/sqlite3", "/opt/homebrew/bin/sqlite3"]
        .map(URL.init(fileURLWithPath:))
        .first { FileManager.default.isExecutableFile(atPath: $0.path) }

    /// The rows of `sql` run read-only on `database`, header first (no
    /// header when there are no rows: the shell prints none). Select
    /// reals through `quote(x)`, which prints enough digits to read back the
    /// exact double; the shell's plain output rounds to 15 digits.
    static func query(_ database: String, _ sql: String, file: StaticString = #filePath, line: UInt = #line) throws -> CSVTable {
        let shell = try XCTUnwrap(executable, "the sqlite3 command-line shell is not installed", file: file, line: line)
        let output = try RunnerProcess.execute(shell, ["-readonly", "-bail", "-csv", "-header", database, sql])
        XCTAssertEqual(output.status, 0, output.transcript, file: file, line: line)
        XCTAssertEqual(output.stderr, "", file: file, line: line)
        // The shell prints no header for a result without rows.
        return output.stdout.isEmpty ? CSVTable(header: [], rows: []) : try CSVTable(parsing: output.stdout)
    }

    /// Runs `sql`, which may write, on `database`, and fails the test unless
    /// every statement succeeds.
    static func execute(_ database: String, _ sql: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let shell = try XCTUnwrap(executable, "the sqlite3 command-line shell is not installed", file: file, line: line)
        let output = try RunnerProcess.execute(shell, ["-bail", database, sql])
        XCTAssertEqual(output.status, 0, output.transcript, file: file, line: line)
        XCTAssertEqual(output.stderr, "", file: file, line: line)
    }
}
