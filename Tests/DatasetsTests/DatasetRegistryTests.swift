import Datasets
import Foundation
import XCTest

final class DatasetRegistryTests: XCTestCase {
    func testMnistResolvesUnderDataOfTheBase() throws {
        XCTAssertEqual(DatasetRegistry.resolve("mnist", base: MNISTTests.repositoryRoot), MNISTTests.repositoryRoot + "/data/mnist")
        XCTAssertEqual(DatasetRegistry.resolve("mnist", base: MNISTTests.repositoryRoot + "/"), MNISTTests.repositoryRoot + "/data/mnist")
        let fixture = try IDXFixture()
        XCTAssertNil(DatasetRegistry.resolve("mnist", base: fixture.directory))
    }

    func testPathsResolveRelativeToTheBaseOrAsGiven() throws {
        let fixture = try IDXFixture()
        try FileManager.default.createDirectory(atPath: fixture.path("kmnist"), withIntermediateDirectories: false)
        XCTAssertEqual(DatasetRegistry.resolve("kmnist", base: fixture.directory), fixture.path("kmnist"))
        XCTAssertEqual(DatasetRegistry.resolve(fixture.path("kmnist"), base: "/nonexistent"), fixture.path("kmnist"))
        XCTAssertNil(DatasetRegistry.resolve("emnist", base: fixture.directory))
        try fixture.writePlain("file", [1])
        XCTAssertNil(DatasetRegistry.resolve("file", base: fixture.directory), "a file is not a dataset directory")
    }

    func testFashionMnistIsDebiansPackageLocation() throws {
        XCTAssertEqual(DatasetRegistry.builtInNames, ["mnist", "fashion-mnist"])
        // Never a directory under the base, even where one of that name exists.
        let fixture = try IDXFixture()
        try FileManager.default.createDirectory(atPath: fixture.path("fashion-mnist"), withIntermediateDirectories: false)
        let installed = FileManager.default.fileExists(atPath: "/usr/share/datasets/fashion-mnist")
        XCTAssertEqual(DatasetRegistry.resolve("fashion-mnist", base: fixture.directory),
                       installed ? "/usr/share/datasets/fashion-mnist" : nil)
    }
}
