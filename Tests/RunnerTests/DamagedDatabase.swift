import Foundation
import XCTest

/// A real results database, swept by the runner, whose pages tests
/// overwrite: `long.yaml`, 4 runs (2 learning rates × 2 seeds) of 60 epochs
/// on 100 images, so that `epochs` spans several leaf pages under an
/// interior root, in a second or two of a debug build.
struct DamagedDatabase {
    static let runCount = 4
    static let epochs = 60
    static let yaml = """
        name: long
        train_limit: 100
        validation_limit: 100
        test_limit: 100
        layers: [784, 10]
        epochs: \(epochs)
        batch: 10
        seeds: [1, 2]
        grid:
          eta: [1.0, 3.0]

        """

    let directory: URL
    var file: String { directory.appendingPathComponent("long.yaml").path }
    var db: String { directory.appendingPathComponent("results.sqlite").path }
    var out: String { directory.appendingPathComponent("out").path }

    /// Sweeps `long.yaml` into `directory/results.sqlite`; the sweep's end
    /// folds its write-ahead log into the file, so every page is in it.
    init(in directory: URL, file: StaticString = #filePath, line: UInt = #line) throws {
        self.directory = directory
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try Self.yaml.write(toFile: self.file, atomically: false, encoding: .utf8)
        let output = try RunnerProcess.run(["sweep", self.file, "--db", db, "--out", out, "--quiet"])
        XCTAssertEqual(output.status, 0, output.transcript, file: file, line: line)
    }

    /// `PRAGMA page_size`.
    func pageSize() throws -> Int {
        try XCTUnwrap(Int(try SQLiteShell.query(db, "PRAGMA page_size").rows.first?.first ?? ""))
    }

    /// The leaf pages of `table` in key order, each with its cell count
    /// (SQLite's `dbstat`, ordered by the page's path from the root).
    func leafPages(of table: String) throws -> [(page: Int, cells: Int)] {
        try SQLiteShell.query(db, """
            SELECT pageno, ncell FROM dbstat WHERE name = '\(table)' AND pagetype = 'leaf' ORDER BY path
            """).rows.map { (Int($0[0]) ?? -1, Int($0[1]) ?? -1) }
    }

    /// `table`'s root page (for a small table, its one leaf).
    func rootPage(of table: String) throws -> Int {
        try XCTUnwrap(Int(try SQLiteShell.query(db, "SELECT rootpage FROM sqlite_master WHERE name = '\(table)'").rows.first?.first ?? ""))
    }

    /// Overwrites page `page` (1-based) of `path` with bytes from a seeded
    /// generator, so that every run damages it alike and SQLite's finding is
    /// the same each time; page 1 keeps its first 100 bytes, the file header.
    static func overwrite(page: Int, of path: String, pageSize: Int, seed: UInt64 = 16) throws {
        let start = page == 1 ? 100 : 0
        var state = seed
        var bytes = [UInt8]()
        bytes.reserveCapacity(pageSize - start)
        while bytes.count < pageSize - start {
            // SplitMix64.
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            z ^= z >> 31
            bytes += withUnsafeBytes(of: z.littleEndian, Array.init).prefix(pageSize - start - bytes.count)
        }
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        try handle.seek(toOffset: UInt64((page - 1) * pageSize + start))
        try handle.write(contentsOf: bytes)
    }

    /// What `runner` says of a file it refuses as damaged: SQLite's finding,
    /// and the first words of the statement that met it when that was not
    /// SQLite's check.
    static func refusal(_ path: String, finding: String, statement: String? = nil) -> String {
        "runner: error: \(path): is damaged (SQLite: \(finding))" + (statement.map { ", while executing `\($0)`" } ?? "")
            + "; it was left as it is: recover what can still be read with `runner recover \(path) --to NEW.sqlite`, "
            + "or `sqlite3 \(path) .recover | sqlite3 NEW.sqlite`\n"
    }

    /// Every epoch's numbers by run and epoch, every digit, and its rowid.
    static func epochRows(of db: String, file: StaticString = #filePath, line: UInt = #line) throws -> [[String]] {
        try SQLiteShell.query(db, """
            SELECT e.rowid, r.config_hash, e.epoch, quote(e.train_cost), quote(e.test_cost), quote(e.test_accuracy),
                   quote(e.eta), quote(e.validation_cost), quote(e.validation_accuracy)
            FROM epochs e JOIN runs r ON r.id = e.run_id ORDER BY e.rowid
            """, file: file, line: line).rows
    }
}
