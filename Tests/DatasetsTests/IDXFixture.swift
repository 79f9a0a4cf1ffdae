import CZlib
@testable import Datasets
import Foundation
import XCTest

/// Writes IDX files (plain or gzip) into a fresh temporary directory that is removed on `deinit`.
final class IDXFixture {
    let directory: String

    init() throws {
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("DatasetsTests-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: directory)
    }

    func path(_ name: String) -> String {
        directory + "/" + name
    }

    /// An unsigned-byte IDX file's bytes: magic 0x0000 08 <rank>, big-endian sizes, then `data`.
    static func idx(dimensions: [Int], data: [UInt8], dataType: UInt8 = 0x08) -> [UInt8] {
        var bytes: [UInt8] = [0, 0, dataType, UInt8(dimensions.count)]
        for size in dimensions {
            bytes += [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: UInt32(size) >> $0) }
        }
        return bytes + data
    }

    @discardableResult
    func writePlain(_ name: String, _ bytes: [UInt8]) throws -> String {
        let target = path(name)
        try Data(bytes).write(to: URL(fileURLWithPath: target))
        return target
    }

    /// Gzip through zlib's own gzopen "wb", as any gzip tool would produce.
    @discardableResult
    func writeGzip(_ name: String, _ bytes: [UInt8]) throws -> String {
        let target = path(name)
        let file = try XCTUnwrap(gzopen(target, "wb"))
        let written = bytes.withUnsafeBytes { gzwrite(file, $0.baseAddress, UInt32($0.count)) }
        XCTAssertEqual(Int(written), bytes.count)
        XCTAssertEqual(gzclose(file), Z_OK)
        return target
    }

    /// Writes a whole dataset directory: images are `count` examples of `rows`×`columns`,
    /// pixel value = example index, labels as given.
    func writeDataset(trainLabels: [UInt8], testLabels: [UInt8], rows: Int = 2, columns: Int = 3,
                      testRows: Int? = nil, compressed: Bool = true) throws {
        let suffix = compressed ? ".gz" : ""
        let write = compressed ? writeGzip : writePlain
        for (prefix, labels, height) in [("train", trainLabels, rows), ("t10k", testLabels, testRows ?? rows)] {
            let pixels = labels.indices.flatMap { index in
                [UInt8](repeating: UInt8(truncatingIfNeeded: index), count: height * columns)
            }
            _ = try write("\(prefix)-images-idx3-ubyte\(suffix)",
                      Self.idx(dimensions: [labels.count, height, columns], data: pixels))
            _ = try write("\(prefix)-labels-idx1-ubyte\(suffix)", Self.idx(dimensions: [labels.count], data: labels))
        }
    }
}

/// Asserts that `body` throws a `DatasetError` of exactly `kind` about `file`, whose message starts with the file.
func assertDatasetError<T>(_ body: @autoclosure () throws -> T, file expectedFile: String, kind: DatasetError.Kind,
                           file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertThrowsError(try body(), file: file, line: line) { error in
        guard let error = error as? DatasetError else {
            return XCTFail("expected a DatasetError, got \(error)", file: file, line: line)
        }
        XCTAssertEqual(error.kind, kind, file: file, line: line)
        XCTAssertEqual(error.file, expectedFile, file: file, line: line)
        XCTAssertTrue(error.description.hasPrefix(expectedFile + ": "), error.description, file: file, line: line)
        XCTAssertFalse(error.description.contains("\n"), file: file, line: line)
    }
}
