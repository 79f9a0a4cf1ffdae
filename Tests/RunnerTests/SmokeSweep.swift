import Foundation
import XCTest

/// `experiments/smoke.yaml` (2 learning rates × 2 seeds, 2 epochs on 1,000
/// images) swept into a database and export directory of its own.
struct SmokeSweep {
    static let experimentFile = "experiments/smoke.yaml"
    static let exportNames = ["smoke-runs.csv", "smoke-configs.csv", "smoke-epochs.csv", "smoke-timings.csv"]

    let directory: URL
    var db: String { directory.appendingPathComponent("results.sqlite").path }
    var out: String { directory.appendingPathComponent("out").path }

    init(in directory: URL) {
        self.directory = directory
    }

    /// `runner sweep experiments/smoke.yaml --db DB --out OUT FLAGS…`
    func run(_ flags: [String] = [], environment: [String: String] = [:]) throws -> ProcessOutput {
        try RunnerProcess.run(["sweep", Self.experimentFile, "--db", db, "--out", out] + flags, environment: environment)
    }

    /// Sweeps and fails the test unless every run finished.
    @discardableResult
    func runToCompletion(
        _ flags: [String] = [], environment: [String: String] = [:], file: StaticString = #filePath, line: UInt = #line
    ) throws -> ProcessOutput {
        let output = try run(flags, environment: environment)
        XCTAssertEqual(output.status, 0, output.transcript, file: file, line: line)
        return output
    }

    /// `runner query --db DB --csv SQL`, parsed.
    func query(_ sql: String, file: StaticString = #filePath, line: UInt = #line) throws -> CSVTable {
        let output = try RunnerProcess.run(["query", "--db", db, "--csv", sql])
        XCTAssertEqual(output.status, 0, output.transcript, file: file, line: line)
        return try CSVTable(parsing: output.stdout)
    }

    func exportedFile(_ name: String) -> String {
        (out as NSString).appendingPathComponent(name)
    }

    /// The database file and its write-ahead log, byte for byte. An empty
    /// log holds nothing and is left out: a read-only reader leaves one
    /// behind (as `sqlite3 -readonly` does), since it may not delete it.
    func databaseBytes() throws -> [String: Data] {
        var files: [String: Data] = [:]
        for path in [db, db + "-wal"] where FileManager.default.fileExists(atPath: path) {
            let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
            if path == db || !bytes.isEmpty { files[path] = bytes }
        }
        return files
    }

    /// The files beside the database that belong to it (`-wal`, `-shm`, `-journal`).
    func databaseCompanions() throws -> [String] {
        let name = (db as NSString).lastPathComponent
        return try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { $0.hasPrefix(name + "-") }.sorted()
    }
}
