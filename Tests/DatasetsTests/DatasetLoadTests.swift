@testable import Datasets
import Foundation
import XCTest

/// `Dataset.load` and `Dataset.shape` on small synthetic dataset directories.
final class DatasetLoadTests: XCTestCase {
    private var fixture: IDXFixture!
    private var directory: String { fixture.directory }

    override func setUpWithError() throws {
        fixture = try IDXFixture()
    }

    override func tearDown() {
        fixture = nil
    }

    func testLoadsSyntheticDatasetWithScaledPixels() throws {
        try fixture.writeDataset(trainLabels: [0, 2, 1], testLabels: [1, 0], rows: 1, columns: 3)
        // Replace the training images with the scaling example: bytes 0, 255, 51.
        try fixture.writeGzip("train-images-idx3-ubyte.gz",
                              IDXFixture.idx(dimensions: [3, 1, 3], data: [0, 255, 51, 51, 0, 255, 255, 255, 0]))
        let dataset = try Dataset.load(directory: directory)
        XCTAssertEqual(dataset.name, directory)
        XCTAssertEqual(dataset.directory, directory)
        XCTAssertEqual(dataset.train.count, 3)
        XCTAssertEqual(dataset.train.featureCount, 3)
        XCTAssertEqual(dataset.train.classCount, 3)
        XCTAssertEqual(dataset.test.classCount, 3)
        XCTAssertEqual(dataset.train.withUnsafePixels { Array($0) }, [0, 1, 0.2, 0.2, 0, 1, 1, 1, 0])
        XCTAssertEqual(dataset.train.withUnsafeLabels { Array($0) }, [0, 2, 1])
        XCTAssertEqual(dataset.test.withUnsafePixels { Array($0) }, [0, 0, 0, Float(1) / 255, Float(1) / 255, Float(1) / 255])
        XCTAssertEqual(dataset.test.label(at: 0), 1)
        // The kernels' vector loads of a row stay within cache lines when rows are whole lines.
        for images in [dataset.train, dataset.test, LabeledImages(pixels: [1, 2], labels: [0], featureCount: 2, classCount: 1)] {
            XCTAssertEqual(images.withUnsafePixels { Int(bitPattern: $0.baseAddress) % 64 }, 0)
        }
        XCTAssertEqual(try Dataset.shape(directory: directory),
                       DatasetShape(featureCount: 3, classCount: 3, trainCount: 3, testCount: 2))
    }

    func testChecksumIsTheSameForPlainAndGzipFiles() throws {
        let plain = try IDXFixture()
        try fixture.writeDataset(trainLabels: [0, 1, 1], testLabels: [1])
        try plain.writeDataset(trainLabels: [0, 1, 1], testLabels: [1], compressed: false)
        let fromGzip = try Dataset.load(directory: directory)
        let fromPlain = try Dataset.load(directory: plain.directory, name: "plain")
        XCTAssertEqual(fromPlain.name, "plain")
        XCTAssertEqual(fromGzip.checksum, fromPlain.checksum)
        XCTAssertEqual(fromGzip.checksum.count, 64)
        let files = try DatasetFiles.baseNames.map { try IDXReader.read(path: plain.path($0)) }
        let concatenated = files.reduce(into: [UInt8]()) { $0 += $1.header + $1.bytes }
        XCTAssertEqual(fromPlain.checksum, Checksum.sha256Hex(of: concatenated))
    }

    func testPrefersGzipWhenBothExist() throws {
        try fixture.writeDataset(trainLabels: [0, 1], testLabels: [1], compressed: false)
        try fixture.writeDataset(trainLabels: [1, 0], testLabels: [0], compressed: true)
        let dataset = try Dataset.load(directory: directory)
        XCTAssertEqual(dataset.train.withUnsafeLabels { Array($0) }, [1, 0])
        XCTAssertEqual(dataset.test.label(at: 0), 0)
    }

    func testMissingDirectoryAndMissingFile() throws {
        let nowhere = directory + "/nowhere"
        assertDatasetError(try Dataset.load(directory: nowhere), file: nowhere, kind: .missing)
        try fixture.writeDataset(trainLabels: [0, 1], testLabels: [1])
        try FileManager.default.removeItem(atPath: fixture.path("t10k-labels-idx1-ubyte.gz"))
        let expected = fixture.path("t10k-labels-idx1-ubyte.gz")
        assertDatasetError(try Dataset.load(directory: directory), file: expected, kind: .missing)
        assertDatasetError(try Dataset.shape(directory: directory), file: expected, kind: .missing)
    }

    func testImageAndLabelCountsMustAgree() throws {
        try fixture.writeDataset(trainLabels: [0, 1, 1], testLabels: [1])
        try fixture.writeGzip("train-labels-idx1-ubyte.gz", IDXFixture.idx(dimensions: [2], data: [0, 1]))
        let kind = DatasetError.Kind.countMismatch(
            labelCount: 2, imagesFile: fixture.path("train-images-idx3-ubyte.gz"), imageCount: 3)
        assertDatasetError(try Dataset.load(directory: directory), file: fixture.path("train-labels-idx1-ubyte.gz"), kind: kind)
        assertDatasetError(try Dataset.shape(directory: directory), file: fixture.path("train-labels-idx1-ubyte.gz"), kind: kind)
    }

    func testTrainingLabelsNeedTwoClasses() throws {
        try fixture.writeDataset(trainLabels: [0, 0], testLabels: [0])
        assertDatasetError(try Dataset.load(directory: directory), file: fixture.path("train-labels-idx1-ubyte.gz"),
                           kind: .tooFewClasses(classCount: 1))
    }

    func testTestLabelBeyondTheTrainingClasses() throws {
        try fixture.writeDataset(trainLabels: [0, 2, 1], testLabels: [1, 3])
        let kind = DatasetError.Kind.labelOutOfRange(index: 1, label: 3, classCount: 3)
        assertDatasetError(try Dataset.load(directory: directory), file: fixture.path("t10k-labels-idx1-ubyte.gz"), kind: kind)
        assertDatasetError(try Dataset.shape(directory: directory), file: fixture.path("t10k-labels-idx1-ubyte.gz"), kind: kind)
    }

    func testTestImagesMustMatchTheTrainingImageSize() throws {
        try fixture.writeDataset(trainLabels: [0, 1], testLabels: [1], rows: 2, columns: 3, testRows: 3)
        let kind = DatasetError.Kind.imageSizeMismatch(
            found: [3, 3], expected: [2, 3], trainingFile: fixture.path("train-images-idx3-ubyte.gz"))
        assertDatasetError(try Dataset.load(directory: directory), file: fixture.path("t10k-images-idx3-ubyte.gz"), kind: kind)
        assertDatasetError(try Dataset.shape(directory: directory), file: fixture.path("t10k-images-idx3-ubyte.gz"), kind: kind)
    }

    func testImagesWithoutPixels() throws {
        try fixture.writeDataset(trainLabels: [0, 1], testLabels: [1], rows: 0)
        assertDatasetError(try Dataset.load(directory: directory), file: fixture.path("train-images-idx3-ubyte.gz"),
                           kind: .invalidDimensions(dimensions: [2, 0, 3], reason: "images have no pixels"))
    }

    func testReportsTheFirstBadFileInOrder() throws {
        try fixture.writeDataset(trainLabels: [0, 1], testLabels: [1])
        try fixture.writePlain("t10k-labels-idx1-ubyte.gz", [1, 2, 3])
        try fixture.writeGzip("train-labels-idx1-ubyte.gz", IDXFixture.idx(dimensions: [2, 1], data: [0, 1]))
        assertDatasetError(try Dataset.load(directory: directory), file: fixture.path("train-labels-idx1-ubyte.gz"),
                           kind: .wrongDimensionCount(expected: 1, found: 2))
    }

    /// The survey (for `runner datasets`) checks what loading checks, reports
    /// the same first bad file, and gives the same checksum, plain or gzip.
    func testSurveyMatchesLoad() throws {
        try fixture.writeDataset(trainLabels: [0, 2, 1], testLabels: [1, 0], compressed: false)
        XCTAssertEqual(try Dataset.survey(directory: directory), DatasetSurvey(
            shape: DatasetShape(featureCount: 6, classCount: 3, trainCount: 3, testCount: 2),
            checksum: try Dataset.load(directory: directory).checksum))

        try fixture.writePlain("t10k-labels-idx1-ubyte", [1, 2, 3])
        try fixture.writePlain("train-labels-idx1-ubyte", IDXFixture.idx(dimensions: [2, 1], data: [0, 1]))
        assertDatasetError(try Dataset.survey(directory: directory), file: fixture.path("train-labels-idx1-ubyte"),
                           kind: .wrongDimensionCount(expected: 1, found: 2))
    }

    func testPrefixAndSplitShareStorage() throws {
        try fixture.writeDataset(trainLabels: [0, 1, 1, 0], testLabels: [1, 0, 1])
        let dataset = try Dataset.load(directory: directory, name: "tiny")
        let split = try dataset.split(trainLimit: 3, testLimit: 2)
        let (train, test) = (split.train, split.test)
        XCTAssertNil(split.validation)
        XCTAssertEqual(train.count, 3)
        XCTAssertEqual(train.classCount, 2)
        XCTAssertEqual(train.withUnsafeLabels { Array($0) }, [0, 1, 1])
        XCTAssertEqual(train.withUnsafePixels { $0.count }, 3 * 6)
        XCTAssertEqual(test.withUnsafeLabels { Array($0) }, [1, 0])
        XCTAssertEqual(train.prefix(0).withUnsafePixels { $0.count }, 0)
        assertDatasetError(try dataset.split(trainLimit: 5), file: "tiny",
                           kind: .splitLimitOutOfRange(part: "training", requested: 5, available: 4))
        XCTAssertThrowsError(try dataset.split(trainLimit: 2, testLimit: 4)) { error in
            XCTAssertEqual("\(error)", "tiny: test limit 4 exceeds the 3 test examples available")
        }
    }

    func testTheValidationSetIsTheEndOfTheTrainingFileAndNeverOverlapsTraining() throws {
        try fixture.writeDataset(trainLabels: [0, 1, 1, 0, 1], testLabels: [1, 0, 1])
        let dataset = try Dataset.load(directory: directory, name: "tiny")
        let split = try dataset.split(trainLimit: 2, validationLimit: 2, testLimit: 3)
        let validation = try XCTUnwrap(split.validation)
        XCTAssertEqual(validation.withUnsafeLabels { Array($0) }, [0, 1])
        XCTAssertEqual(validation.label(at: 1), 1)
        XCTAssertEqual(validation.withUnsafePixels { $0.count }, 2 * 6)
        XCTAssertEqual(
            validation.withUnsafePixels { Array($0) },
            dataset.train.withUnsafePixels { Array($0[3 * 6 ..< 5 * 6]) })
        XCTAssertEqual(try dataset.split(trainLimit: 2, validationLimit: 3, testLimit: 3).validation?.count, 3)
        XCTAssertThrowsError(try dataset.split(trainLimit: 3, validationLimit: 3)) { error in
            XCTAssertEqual(
                "\(error)", "tiny: validation limit 3 exceeds the 2 training examples left after the training set")
        }
    }

    func testSyntheticLabeledImages() {
        let images = LabeledImages(pixels: [0, 1, 0.5, 0.25, 1, 1], labels: [0, 1, 1], featureCount: 2, classCount: 2)
        XCTAssertEqual(images.count, 3)
        XCTAssertEqual(images.label(at: 2), 1)
        let first = images.prefix(1)
        XCTAssertEqual(first.count, 1)
        XCTAssertEqual(first.withUnsafePixels { Array($0) }, [0, 1])
        XCTAssertEqual(first.withUnsafeLabels { Array($0) }, [0])
    }
}
