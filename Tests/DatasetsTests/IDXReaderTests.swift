@testable import Datasets
import Foundation
import XCTest

final class IDXReaderTests: XCTestCase {
    private var fixture: IDXFixture!

    override func setUpWithError() throws {
        fixture = try IDXFixture()
    }

    override func tearDown() {
        fixture = nil
    }

    private let imageBytes = IDXFixture.idx(dimensions: [3, 2, 2], data: Array(0 ..< 12))

    // MARK: Good files

    func testReadsPlainFile() throws {
        let path = try fixture.writePlain("images", imageBytes)
        let array = try IDXReader.read(path: path, dimensionCount: 3)
        XCTAssertEqual(array.dimensions, [3, 2, 2])
        XCTAssertEqual(array.bytes, Array(0 ..< 12))
        XCTAssertEqual(array.sha256, Checksum.sha256Hex(of: imageBytes))
    }

    func testReadsGzipFileAndChecksumsTheUncompressedBytes() throws {
        let path = try fixture.writeGzip("images.gz", imageBytes)
        let array = try IDXReader.read(path: path, dimensionCount: 3)
        XCTAssertEqual(array.dimensions, [3, 2, 2])
        XCTAssertEqual(array.bytes, Array(0 ..< 12))
        XCTAssertEqual(array.sha256, Checksum.sha256Hex(of: imageBytes))
        XCTAssertEqual(try IDXReader.readDimensions(path: path, dimensionCount: 3), [3, 2, 2])
    }

    func testReadsConcatenatedGzipMembersAsOneFile() throws {
        let first = try Data(contentsOf: URL(fileURLWithPath: fixture.writeGzip("a.gz", Array(imageBytes[..<10]))))
        let second = try Data(contentsOf: URL(fileURLWithPath: fixture.writeGzip("b.gz", Array(imageBytes[10...]))))
        let path = try fixture.writePlain("both.gz", Array(first + second))
        XCTAssertEqual(try IDXReader.read(path: path).bytes, Array(0 ..< 12))
    }

    func testReadsEmptyDimensionsAndLargerFilesAcrossBufferBoundaries() throws {
        let data = (0 ..< 300_000).map { UInt8(truncatingIfNeeded: $0 * 31) }
        let bytes = IDXFixture.idx(dimensions: [300_000], data: data)
        XCTAssertEqual(try IDXReader.read(path: fixture.writeGzip("big.gz", bytes), dimensionCount: 1).bytes, data)
        XCTAssertEqual(try IDXReader.read(path: fixture.writePlain("big", bytes), dimensionCount: 1).bytes, data)
        // Growing from a small first allocation, as a dataset larger than the initial 64 MiB would.
        XCTAssertEqual(try IDXReader.read(path: fixture.path("big.gz"), dimensionCount: 1, initialCapacity: 1000).bytes, data)
        assertDatasetError(try IDXReader.read(path: fixture.writePlain("short", Array(bytes.dropLast())), dimensionCount: 1, initialCapacity: 1000),
                           file: fixture.path("short"), kind: .truncated(dimensions: [300_000], expectedBytes: 300_000, foundBytes: 299_999))
        let empty = try fixture.writePlain("empty", IDXFixture.idx(dimensions: [0, 28, 28], data: []))
        XCTAssertEqual(try IDXReader.read(path: empty).dimensions, [0, 28, 28])
    }

    func testScalesBytesByLookupIncludingUnevenTails() {
        // Longer than one parallel chunk (1 MiB) and not a multiple of the 4-way unrolling.
        var bytes = [UInt8](repeating: 51, count: (1 << 20) + 7)
        let checked = Array(0 ..< 256) + Array((1 << 20) - 256 ..< bytes.count)
        for index in checked { bytes[index] = UInt8(truncatingIfNeeded: index * 7) }
        let pixels = LabeledImages.scaledPixels(bytes)
        XCTAssertEqual(pixels.count, bytes.count)
        XCTAssertEqual(checked.map { pixels[$0] }, checked.map { Float(bytes[$0]) / 255 })
        XCTAssertEqual(pixels[500_000], 0.2)
        let small = LabeledImages.scaledPixels([0, 255, 51])
        XCTAssertEqual((0 ..< small.count).map { small[$0] }, [0, 1, 0.2])
    }

    // MARK: Bad files

    func testMissingFile() {
        let path = fixture.path("nothing.gz")
        assertDatasetError(try IDXReader.read(path: path), file: path, kind: .missing)
    }

    func testDirectoryIsNotReadable() throws {
        let path = fixture.path("folder.gz")
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
        assertDatasetError(try IDXReader.read(path: path), file: path, kind: .notReadable(reason: "is a directory"))
    }

    func testCorruptDeflateData() throws {
        // A gzip header, then a deflate block of reserved type 3.
        let path = try fixture.writePlain("corrupt.gz", [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 3, 0xFF, 0xFF, 0xFF, 0xFF])
        assertDatasetError(try IDXReader.read(path: path), file: path, kind: .corruptGzip(reason: "invalid block type"))
    }

    func testWrongGzipChecksum() throws {
        var bytes = try Data(contentsOf: URL(fileURLWithPath: fixture.writeGzip("images.gz", imageBytes)))
        bytes[bytes.count - 8] ^= 0xFF  // first byte of the CRC-32 trailer
        let path = try fixture.writePlain("bad-crc.gz", Array(bytes))
        assertDatasetError(try IDXReader.read(path: path), file: path, kind: .corruptGzip(reason: "incorrect data check"))
    }

    func testGarbageAfterTheGzipStream() throws {
        let bytes = try Data(contentsOf: URL(fileURLWithPath: fixture.writeGzip("images.gz", imageBytes)))
        let path = try fixture.writePlain("garbage.gz", Array(bytes) + [1, 2, 3])
        assertDatasetError(try IDXReader.read(path: path), file: path, kind: .corruptGzip(reason: "incorrect header check"))
    }

    func testGzipTrailerCutOff() throws {
        let bytes = try Data(contentsOf: URL(fileURLWithPath: fixture.writeGzip("images.gz", imageBytes)))
        let path = try fixture.writePlain("cut.gz", Array(bytes.dropLast(8)))
        assertDatasetError(try IDXReader.read(path: path), file: path,
                           kind: .corruptGzip(reason: "compressed data ends unexpectedly"))
    }

    func testTruncatedPlainAndGzipData() throws {
        let short = IDXFixture.idx(dimensions: [10, 2, 2], data: [1, 2, 3, 4, 5])
        let kind = DatasetError.Kind.truncated(dimensions: [10, 2, 2], expectedBytes: 40, foundBytes: 5)
        for path in [try fixture.writePlain("short", short), try fixture.writeGzip("short.gz", short)] {
            assertDatasetError(try IDXReader.read(path: path), file: path, kind: kind)
        }
        let path = fixture.path("short")
        XCTAssertThrowsError(try IDXReader.read(path: path)) { error in
            XCTAssertEqual("\(error)", "\(path): truncated: header promises 10×2×2 = 40 bytes, found 5")
        }
    }

    func testGzipFileCutInsideTheCompressedData() throws {
        let data = (0 ..< 100_000).map { UInt8(truncatingIfNeeded: $0 &* $0 >> 3) }
        let bytes = try Data(contentsOf: URL(fileURLWithPath: fixture.writeGzip("labels.gz", IDXFixture.idx(dimensions: [100_000], data: data))))
        let path = try fixture.writePlain("cut.gz", Array(bytes.prefix(bytes.count / 2)))
        XCTAssertThrowsError(try IDXReader.read(path: path)) { error in
            guard let error = error as? DatasetError,
                  case .truncated(let dimensions, let expected, let found) = error.kind else {
                return XCTFail("expected truncated, got \(error)")
            }
            XCTAssertEqual(error.file, path)
            XCTAssertEqual(dimensions, [100_000])
            XCTAssertEqual(expected, 100_000)
            XCTAssertLessThan(found, expected)
        }
    }

    func testHugePromiseIsRefusedBeforeAnyAllocation() throws {
        let path = try fixture.writePlain("liar", IDXFixture.idx(dimensions: [4_000_000_000, 28, 28], data: [7, 7]))
        assertDatasetError(try IDXReader.read(path: path), file: path, kind: .invalidDimensions(
            dimensions: [4_000_000_000, 28, 28], reason: "they hold 3136000000000 bytes, over the limit of 1073741824 (1 GiB)"))
        XCTAssertThrowsError(try IDXReader.read(path: path)) { error in
            XCTAssertEqual("\(error)", "\(path): invalid dimensions 4000000000×28×28: they hold 3136000000000 bytes, over the limit of 1073741824 (1 GiB)")
        }
    }

    /// 1 GiB of data is accepted, so a header promising it is only truncated,
    /// found so from the file's size: plain or compressed, nothing near it is
    /// allocated (the fuzz target FuzzDataset fails on an allocation over 1 GiB).
    func testLargestDimensionsAcceptedAndOneByteMore() throws {
        let largest = [1 << 15, 1 << 15]
        for path in [try fixture.writePlain("largest", IDXFixture.idx(dimensions: largest, data: [1, 2])),
                     try fixture.writeGzip("largest.gz", IDXFixture.idx(dimensions: largest, data: [1, 2]))] {
            assertDatasetError(try IDXReader.read(path: path), file: path,
                               kind: .truncated(dimensions: largest, expectedBytes: 1 << 30, foundBytes: 2))
        }
        let over = [(1 << 30) + 1]
        let path = try fixture.writePlain("over", IDXFixture.idx(dimensions: over, data: [1, 2]))
        assertDatasetError(try IDXReader.read(path: path), file: path, kind: .invalidDimensions(
            dimensions: over, reason: "they hold 1073741825 bytes, over the limit of 1073741824 (1 GiB)"))
    }

    func testTruncatedHeader() throws {
        let empty = try fixture.writePlain("empty", [])
        assertDatasetError(try IDXReader.read(path: empty), file: empty, kind: .truncatedHeader(expectedBytes: 4, foundBytes: 0))
        let partial = try fixture.writeGzip("partial.gz", [0, 0, 8, 3, 0, 0, 0, 1, 0, 0])
        assertDatasetError(try IDXReader.read(path: partial), file: partial, kind: .truncatedHeader(expectedBytes: 16, foundBytes: 10))
    }

    func testTrailingData() throws {
        let long = IDXFixture.idx(dimensions: [2], data: [1, 2, 3, 4])
        for path in [try fixture.writePlain("long", long), try fixture.writeGzip("long.gz", long)] {
            assertDatasetError(try IDXReader.read(path: path), file: path, kind: .trailingData(expectedBytes: 2, extraBytes: 2))
        }
    }

    func testWrongMagic() throws {
        let path = try fixture.writePlain("text", Array("hello world".utf8))
        assertDatasetError(try IDXReader.read(path: path, dimensionCount: 3), file: path,
                           kind: .wrongMagic(found: 0x6865_6C6C, expected: 0x0000_0803))
        XCTAssertThrowsError(try IDXReader.read(path: path, dimensionCount: 3)) { error in
            XCTAssertEqual("\(error)", "\(path): not an IDX file: magic number 0x68656C6C (expected 0x00000803)")
        }
    }

    func testUnsupportedDataType() throws {
        let path = try fixture.writePlain("floats", IDXFixture.idx(dimensions: [1], data: [0, 0, 0, 0], dataType: 0x0D))
        assertDatasetError(try IDXReader.read(path: path), file: path, kind: .unsupportedDataType(found: 0x0D))
    }

    func testWrongNumberOfDimensions() throws {
        let labels = try fixture.writeGzip("labels.gz", IDXFixture.idx(dimensions: [2], data: [0, 1]))
        assertDatasetError(try IDXReader.read(path: labels, dimensionCount: 3), file: labels,
                           kind: .wrongDimensionCount(expected: 3, found: 1))
        let images = try fixture.writeGzip("images.gz", imageBytes)
        assertDatasetError(try IDXReader.readDimensions(path: images, dimensionCount: 1), file: images,
                           kind: .wrongDimensionCount(expected: 1, found: 3))
    }

    func testDimensionsWhoseProductOverflows() throws {
        let dimensions = [4_294_967_295, 4_294_967_295, 4_294_967_295]
        let path = try fixture.writePlain("overflow", IDXFixture.idx(dimensions: dimensions, data: []))
        assertDatasetError(try IDXReader.read(path: path), file: path,
                           kind: .invalidDimensions(dimensions: dimensions, reason: "their product overflows"))
    }
}
