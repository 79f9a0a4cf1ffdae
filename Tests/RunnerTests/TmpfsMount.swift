import Foundation
import XCTest

/// A small tmpfs mounted for one test: a file system that can be made
/// read-only or full, which permission bits cannot fake for root.
///
/// Mounting needs root, as CI has; without it the test fails saying so.
/// The test's teardown unmounts it, after stopping the processes the test
/// started (teardown blocks run last-added first, and this one is added
/// before them).
struct TmpfsMount {
    let path: String

    /// Mounts a tmpfs of `size` (`2m`) on a fresh directory in `directory`.
    init(size: String, in directory: URL, for testCase: XCTestCase, file: StaticString = #filePath, line: UInt = #line) throws {
        let mountPoint = directory.appendingPathComponent("mnt-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: mountPoint, withIntermediateDirectories: true)
        path = mountPoint.path
        let mounted = try Self.system(["mount", "-t", "tmpfs", "-o", "size=\(size)", "tmpfs", path])
        guard mounted.status == 0 else {
            XCTFail(
                "cannot mount a tmpfs on \(path) (these tests need root, as in CI): \(mounted.stderr)",
                file: file, line: line)
            throw PollFailure("mount failed")
        }
        testCase.addTeardownBlock { [path] in
            // Lazily, so a file some stuck process still holds cannot keep it mounted.
            let unmounted = try? Self.system(["umount", "--lazy", path])
            XCTAssertEqual(unmounted?.status, 0, "umount \(path): \(unmounted?.transcript ?? "did not run")")
        }
    }

    /// Makes the file system read-only: every write fails with EROFS, for root too.
    func remountReadOnly(file: StaticString = #filePath, line: UInt = #line) throws {
        let remounted = try Self.system(["mount", "-o", "remount,ro", path])
        XCTAssertEqual(remounted.status, 0, remounted.transcript, file: file, line: line)
    }

    /// Fills the file system with a file of zeros until a write fails for
    /// want of space; returns the file, whose removal frees the space.
    @discardableResult
    func fill() throws -> String {
        let filler = (path as NSString).appendingPathComponent("filler")
        _ = FileManager.default.createFile(atPath: filler, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: filler))
        defer { try? handle.close() }
        // Whole pages, then single bytes, so no room is left at all.
        for size in [1 << 16, 4096, 1] {
            let chunk = Data(count: size)
            while (try? handle.write(contentsOf: chunk)) != nil {}
        }
        return filler
    }

    private static func system(_ arguments: [String]) throws -> ProcessOutput {
        try RunnerProcess.execute(URL(fileURLWithPath: "/usr/bin/env"), arguments)
    }
}
