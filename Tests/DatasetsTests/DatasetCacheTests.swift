import Datasets
import Foundation
import XCTest

final class DatasetCacheTests: XCTestCase {
    func testConcurrentCallersShareOneLoad() throws {
        let fixture = try IDXFixture()
        try fixture.writeDataset(trainLabels: [0, 1, 1], testLabels: [1])
        let directory = fixture.directory
        let cache = DatasetCache()
        let addresses = Addresses()
        DispatchQueue.concurrentPerform(iterations: 8) { _ in
            let dataset = try? cache.dataset(directory: directory)
            addresses.add(dataset?.train.withUnsafePixels { pixels in pixels.baseAddress.map { UInt(bitPattern: $0) } } ?? nil)
        }
        XCTAssertEqual(addresses.all.count, 8)
        XCTAssertEqual(Set(addresses.all).count, 1, "every caller got the same storage")
        XCTAssertFalse(addresses.all.contains(nil))
    }

    func testFailuresAreNotRemembered() throws {
        let fixture = try IDXFixture()
        let cache = DatasetCache()
        XCTAssertThrowsError(try cache.dataset(directory: fixture.directory))
        try fixture.writeDataset(trainLabels: [0, 1], testLabels: [1])
        XCTAssertEqual(try cache.dataset(directory: fixture.directory, name: "fixed").name, "fixed")
    }

    /// By name: a built-in name or a directory; anything else is refused,
    /// naming where it was looked for.
    func testANameThatIsNoDatasetIsRefused() throws {
        let fixture = try IDXFixture()
        try fixture.writeDataset(trainLabels: [0, 1], testLabels: [1])
        let anchors = DatasetAnchors(environment: [:], currentDirectory: "/")
        XCTAssertEqual(try DatasetCache().dataset(named: fixture.directory, from: anchors).name, fixture.directory)

        XCTAssertThrowsError(try DatasetCache().dataset(named: "no-such-dataset", from: anchors)) { error in
            XCTAssertEqual(
                error as? DatasetError,
                DatasetError(
                    file: "no-such-dataset",
                    kind: .notFound(lookedIn: ["no-such-dataset (/no-such-dataset)"], hint: "it is not a built-in name (mnist, fashion-mnist)")))
        }
    }
}

private final class Addresses: Sendable {
    private let values = Locked<[UInt?]>([])
    func add(_ value: UInt?) { values.withLock { $0.append(value) } }
    var all: [UInt?] { values.withLock { $0 } }
}
