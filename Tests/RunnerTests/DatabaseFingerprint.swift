import Foundation

/// What a database holds on disk, to show that a command left it alone:
/// the main file's bytes and its write-ahead log's.
///
/// A missing log and an empty one hold the same (no frames): SQLite creates
/// an empty `-wal` when it merely opens a database in WAL mode, even
/// read-only. The `-shm` index is not content (SQLite rebuilds it from the
/// log) and is left out.
struct DatabaseFingerprint: Equatable, CustomStringConvertible {
    let main: Data?
    let log: Data

    init(of path: String) throws {
        let files = FileManager.default
        var isDirectory: ObjCBool = false
        if files.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue {
            main = try Data(contentsOf: URL(fileURLWithPath: path))
        } else {
            main = nil
        }
        let logPath = path + "-wal"
        log = files.fileExists(atPath: logPath) ? try Data(contentsOf: URL(fileURLWithPath: logPath)) : Data()
    }

    var description: String {
        "main file \(main.map { "\($0.count) bytes" } ?? "absent"), log \(log.count) bytes"
    }
}
