import Foundation
import XCTest

extension XCTestCase {
    /// A fresh directory under the system temporary directory, by its real
    /// path, removed when the test ends.
    func makeTemporaryDirectory() throws -> String {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("ClusterTests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: directory) }
        return directory.resolvingSymlinksInPath().path
    }
}
