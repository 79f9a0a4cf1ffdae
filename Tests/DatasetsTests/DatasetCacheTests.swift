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
}

private final class Addresses: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [UInt?] = []
    func add(_ value: UInt?) { lock.withLock { values.append(value) } }
    var all: [UInt?] { lock.withLock { values } }
}
