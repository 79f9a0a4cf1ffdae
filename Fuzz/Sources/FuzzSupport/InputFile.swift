import Foundation

/// A file holding one fuzz input, for readers that take a path. Its
/// directory ends in the process id, so that fuzzers running side by side
/// never share a file; it goes when the process exits.
public enum InputFile {
    public static let directory: String = {
        try? FileManager.default.createDirectory(atPath: temporaryDirectory, withIntermediateDirectories: true)
        atexit { try? FileManager.default.removeItem(atPath: temporaryDirectory) }
        return temporaryDirectory
    }()

    /// Writes the input to `directory/name`, runs `body` on its path, then
    /// removes it with whatever SQLite left beside it.
    public static func with<T>(
        _ start: UnsafeRawPointer, _ count: Int, name: String, _ body: (String) throws -> T
    ) rethrows -> T {
        let path = "\(directory)/\(name)"
        _ = FileManager.default.createFile(atPath: path, contents: Data(bytes: start, count: count))
        defer {
            for suffix in ["", "-wal", "-shm", "-journal"] { unlink(path + suffix) }
        }
        return try body(path)
    }
}

private let temporaryDirectory = "\(ProcessInfo.processInfo.environment["TMPDIR"] ?? "/tmp")/runner-fuzz-\(getpid())"
