@testable import Datasets
import Foundation
import XCTest

/// The real MNIST committed at data/mnist.
final class MNISTTests: XCTestCase {
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    static let directory = repositoryRoot + "/data/mnist"

    /// Loaded once for the whole suite through the shared cache, as the runner does.
    private func mnist() throws -> Dataset {
        try DatasetCache.shared.dataset(directory: Self.directory, name: "mnist")
    }

    func testCompressedAndUncompressedChecksumsOfEachFile() throws {
        let expected: [(file: String, uncompressed: String, compressed: String)] = [
            ("train-images-idx3-ubyte.gz", "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db",
             "0b367032e93c5d0cea0925647cfdb18614af8ee15f83e6f2fc2ad904a6835971"),
            ("train-labels-idx1-ubyte.gz", "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5",
             "1787548bbe0bff1ec2ecdc0ef292b02df999e2d1a6002d27500982c652b17203"),
            ("t10k-images-idx3-ubyte.gz", "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7",
             "1a1a05eab793c14bb050b398624a11b0ffd1a2953baed553b1b9bd079e2a20be"),
            ("t10k-labels-idx1-ubyte.gz", "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2",
             "b91679a0acfe4ba0e50a2437a903084cba1f5f92592b016a25a7dfd00455798b"),
        ]
        for (file, uncompressed, compressed) in expected {
            let path = Self.directory + "/" + file
            let onDisk = try Data(contentsOf: URL(fileURLWithPath: path))
            XCTAssertEqual(Checksum.sha256Hex(of: onDisk), compressed, file)
            XCTAssertEqual(try IDXReader.read(path: path).sha256, uncompressed, file)
        }
    }

    func testDatasetChecksumCoversTheFourUncompressedFilesInOrder() throws {
        // zcat train-images train-labels t10k-images t10k-labels | sha256sum
        XCTAssertEqual(try mnist().checksum, "b2d8f5bf39174ee5ffeefa97e42d673c35432b411bb5d1f74fbbeddae7f1690a")
    }

    func testShapeFromLoadAndFromHeaders() throws {
        let mnist = try mnist()
        XCTAssertEqual(mnist.name, "mnist")
        XCTAssertEqual(mnist.train.count, 60_000)
        XCTAssertEqual(mnist.test.count, 10_000)
        XCTAssertEqual(mnist.train.featureCount, 784)
        XCTAssertEqual(mnist.test.featureCount, 784)
        XCTAssertEqual(mnist.train.classCount, 10)
        XCTAssertEqual(mnist.test.classCount, 10)
        XCTAssertEqual(mnist.train.withUnsafePixels { $0.count }, 60_000 * 784)
        XCTAssertEqual(mnist.test.withUnsafeLabels { $0.count }, 10_000)
        XCTAssertEqual(try Dataset.shape(directory: Self.directory),
                       DatasetShape(featureCount: 784, classCount: 10, trainCount: 60_000, testCount: 10_000))
    }

    /// `runner datasets` reads the same shape and checksum without keeping the pixels.
    func testSurveyAgreesWithLoad() throws {
        XCTAssertEqual(try Dataset.survey(directory: Self.directory), DatasetSurvey(
            shape: DatasetShape(featureCount: 784, classCount: 10, trainCount: 60_000, testCount: 10_000),
            checksum: try mnist().checksum))
    }

    func testFirstTenTrainingLabels() throws {
        let mnist = try mnist()
        XCTAssertEqual((0 ..< 10).map { mnist.train.label(at: $0) }, [5, 0, 4, 1, 9, 2, 1, 3, 1, 4])
    }

    func testLabelCountsPerClass() throws {
        let mnist = try mnist()
        XCTAssertEqual(countPerClass(mnist.train), [5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949])
        XCTAssertEqual(countPerClass(mnist.test), [980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009])
    }

    func testPixelsAreScaledBytes() throws {
        let mnist = try mnist()
        let raw = try IDXReader.read(path: Self.directory + "/t10k-images-idx3-ubyte.gz").bytes
        mnist.test.withUnsafePixels { pixels in
            XCTAssertEqual(pixels.count, raw.count)
            // A sample across the whole set, including its last pixel.
            let sample = Array(stride(from: 0, to: pixels.count, by: 97)) + [pixels.count - 1]
            XCTAssertEqual(sample.map { pixels[$0] }, sample.map { Float(raw[$0]) / 255 })
            XCTAssertTrue(sample.contains { raw[$0] == 255 } && sample.contains { raw[$0] == 0 })
        }
    }

    func testNielsenSplitKeepsTheFirstExamples() throws {
        let mnist = try mnist()
        let split = try mnist.split(validationLimit: Dataset.nielsenValidationLimit)
        let (train, test) = (split.train, split.test)
        let validation = try XCTUnwrap(split.validation)
        XCTAssertEqual(validation.count, 10_000)
        XCTAssertEqual(validation.label(at: 0), mnist.train.label(at: 50_000))
        XCTAssertEqual(validation.label(at: 9_999), mnist.train.label(at: 59_999))
        XCTAssertEqual(train.count, 50_000)
        XCTAssertEqual(test.count, 10_000)
        XCTAssertEqual(train.withUnsafePixels { $0.count }, 50_000 * 784)
        XCTAssertEqual(train.label(at: 49_999), mnist.train.label(at: 49_999))
        train.withUnsafePixels { split in
            mnist.train.withUnsafePixels { full in
                XCTAssertEqual(split.baseAddress, full.baseAddress, "the split shares storage")
            }
        }
        let small = try mnist.split(trainLimit: 1000, testLimit: 100)
        XCTAssertEqual(small.train.count, 1000)
        XCTAssertEqual(small.test.count, 100)
        XCTAssertEqual(small.test.withUnsafeLabels { Array($0) }, mnist.test.withUnsafeLabels { Array($0.prefix(100)) })
    }

    func testSplitLimitsAboveTheAvailableCountAreErrorsNamingTheDataset() throws {
        let mnist = try mnist()
        assertDatasetError(try mnist.split(trainLimit: 60_001), file: "mnist",
                           kind: .splitLimitOutOfRange(part: "training", requested: 60_001, available: 60_000))
        assertDatasetError(try mnist.split(testLimit: 10_001), file: "mnist",
                           kind: .splitLimitOutOfRange(part: "test", requested: 10_001, available: 10_000))
        assertDatasetError(try mnist.split(trainLimit: -1), file: "mnist",
                           kind: .splitLimitOutOfRange(part: "training", requested: -1, available: 60_000))
        XCTAssertEqual(try mnist.split(trainLimit: 60_000).train.count, 60_000)
    }

    func testCacheLoadsOnceAndSharesAcrossNamesAndSpellings() throws {
        let cache = DatasetCache.shared
        let first = try cache.dataset(directory: Self.directory, name: "mnist")
        let second = try cache.dataset(directory: Self.directory + "/./")
        XCTAssertEqual(first.name, "mnist")
        XCTAssertEqual(second.name, Self.directory + "/./")
        first.train.withUnsafePixels { a in
            second.train.withUnsafePixels { b in XCTAssertEqual(a.baseAddress, b.baseAddress) }
        }
    }

    private func countPerClass(_ images: LabeledImages) -> [Int] {
        images.withUnsafeLabels { labels in
            labels.reduce(into: [Int](repeating: 0, count: images.classCount)) { $0[Int($1)] += 1 }
        }
    }
}
