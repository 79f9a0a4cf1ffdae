import Crypto
import Foundation

/// The contents of an IDX file of unsigned bytes (the MNIST format).
///
/// `dimensions` are the sizes from the header, outermost first (for MNIST images
/// `[60000, 28, 28]`); `bytes` holds their product of elements, row-major.
public struct IDXArray: Sendable {
    public let dimensions: [Int]
    public let bytes: [UInt8]
    /// The header exactly as stored in the file (magic number and dimensions), kept for checksums.
    let header: [UInt8]

    /// Hex SHA-256 of the uncompressed file (header and data), whatever its compression on disk.
    public var sha256: String {
        var hasher = SHA256()
        feed(into: &hasher)
        return Checksum.hex(hasher.finalize())
    }

    func feed(into hasher: inout SHA256) {
        hasher.update(data: header)
        hasher.update(data: bytes)
    }
}

/// Reads IDX files, gzip-compressed or plain, validating header and length.
///
/// ```swift
/// let images = try IDXReader.read(path: "data/mnist/t10k-images-idx3-ubyte.gz", dimensionCount: 3)
/// images.dimensions  // [10000, 28, 28]
/// ```
public enum IDXReader {
    /// The most data an IDX file may hold, the product of its dimensions in
    /// bytes: 1 GiB, beyond any dataset of small images in this format (all
    /// of MNIST's training images are 47 MB), so that a header cannot ask for
    /// more memory than a machine training on it could give.
    public static let maximumDataBytes = 1 << 30

    /// The magic number of an unsigned-byte IDX file with `dimensionCount` dimensions
    /// (0x00000803 for images, 0x00000801 for labels).
    private static func magic(dimensionCount: Int) -> UInt32 {
        0x0800 | UInt32(truncatingIfNeeded: dimensionCount)
    }

    /// Reads the whole file. With `dimensionCount`, a file with another number of dimensions is an error.
    /// Throws `DatasetError` when the file is missing, unreadable, corrupt, truncated, longer than its
    /// header promises, promises more than ``maximumDataBytes``, or is not an unsigned-byte IDX file.
    public static func read(path: String, dimensionCount: Int? = nil) throws -> IDXArray {
        try read(path: path, dimensionCount: dimensionCount, initialCapacity: 1 << 26)
    }

    /// `initialCapacity` bounds the first allocation for compressed data, which then grows with the
    /// data actually inflated, so that a corrupt header costs no more than that data; tests lower it
    /// to exercise the growth.
    static func read(path: String, dimensionCount: Int?, initialCapacity: Int) throws -> IDXArray {
        let reader = try DecompressingReader(path: path)
        let (header, dimensions, expected) = try readHeader(reader, dimensionCount: dimensionCount)
        // A plain file holds what it holds: a shorter one is refused before
        // any allocation. Compressed data is allocated for as it arrives,
        // first for as much as the file is likely to inflate to.
        let firstGuess: Int
        if reader.isCompressed {
            firstGuess = max(1 << 20, 8 * reader.fileSize)
        } else {
            let present = max(reader.fileSize - header.count, 0)
            guard present >= expected else {
                throw DatasetError(file: path, kind: .truncated(dimensions: dimensions, expectedBytes: expected, foundBytes: present))
            }
            firstGuess = expected
        }
        var found = 0
        var capacity = min(expected, max(min(initialCapacity, firstGuess), 1))
        var bytes = try [UInt8](unsafeUninitializedCapacity: capacity) { buffer, initialized in
            found = try reader.read(into: UnsafeMutableRawBufferPointer(buffer))
            initialized = found
        }
        // Every byte so far arrived and more are promised: double the buffer, copying once per doubling.
        while found == capacity && found < expected {
            let previous = bytes
            capacity = min(expected, 2 * capacity)
            bytes = try [UInt8](unsafeUninitializedCapacity: capacity) { buffer, initialized in
                let target = UnsafeMutableRawBufferPointer(buffer)
                previous.withUnsafeBytes { target.copyMemory(from: $0) }
                found += try reader.read(into: UnsafeMutableRawBufferPointer(rebasing: target[previous.count...]))
                initialized = found
            }
        }
        guard found == expected else {
            throw DatasetError(file: path, kind: .truncated(dimensions: dimensions, expectedBytes: expected, foundBytes: found))
        }
        let extra = try reader.countRemainingBytes()
        guard extra == 0 else {
            throw DatasetError(file: path, kind: .trailingData(expectedBytes: expected, extraBytes: extra))
        }
        // Every promised byte arrived, but the gzip stream itself was cut short (its trailer lost).
        guard !reader.endedInsideCompressedStream else {
            throw DatasetError(file: path, kind: .corruptGzip(reason: "compressed data ends unexpectedly"))
        }
        return IDXArray(dimensions: dimensions, bytes: bytes, header: header)
    }

    /// Reads and validates only the header, returning the dimensions: cheap even for a large gzip file.
    public static func readDimensions(path: String, dimensionCount: Int? = nil) throws -> [Int] {
        let reader = try DecompressingReader(path: path)
        return try readHeader(reader, dimensionCount: dimensionCount).dimensions
    }

    /// The header, the dimensions, and the bytes of data they promise, which
    /// are at most ``maximumDataBytes``.
    private static func readHeader(
        _ reader: DecompressingReader, dimensionCount: Int?
    ) throws -> (header: [UInt8], dimensions: [Int], byteCount: Int) {
        let path = reader.path
        var magic = [UInt8](repeating: 0, count: 4)
        let magicCount = try magic.withUnsafeMutableBytes { try reader.read(into: $0) }
        guard magicCount == 4 else {
            throw DatasetError(file: path, kind: .truncatedHeader(expectedBytes: 4, foundBytes: magicCount))
        }
        let found = bigEndian(magic[...])
        guard magic[0] == 0, magic[1] == 0 else {
            throw DatasetError(file: path, kind: .wrongMagic(found: found, expected: dimensionCount.map { Self.magic(dimensionCount: $0) }))
        }
        guard magic[2] == 0x08 else {
            throw DatasetError(file: path, kind: .unsupportedDataType(found: magic[2]))
        }
        let rank = Int(magic[3])
        if let dimensionCount, rank != dimensionCount {
            throw DatasetError(file: path, kind: .wrongDimensionCount(expected: dimensionCount, found: rank))
        }
        var sizes = [UInt8](repeating: 0, count: 4 * rank)
        let sizesCount = try sizes.withUnsafeMutableBytes { try reader.read(into: $0) }
        guard sizesCount == sizes.count else {
            throw DatasetError(file: path, kind: .truncatedHeader(expectedBytes: 4 + sizes.count, foundBytes: 4 + sizesCount))
        }
        let dimensions = stride(from: 0, to: sizes.count, by: 4).map { Int(bigEndian(sizes[$0 ..< $0 + 4])) }
        let (byteCount, overflow) = dimensions.reduce((1, false)) { partial, size in
            let product = partial.0.multipliedReportingOverflow(by: size)
            return (product.partialValue, partial.1 || product.overflow)
        }
        guard !overflow else {
            throw DatasetError(file: path, kind: .invalidDimensions(dimensions: dimensions, reason: "their product overflows"))
        }
        guard byteCount <= maximumDataBytes else {
            throw DatasetError(file: path, kind: .invalidDimensions(
                dimensions: dimensions, reason: "they hold \(byteCount) bytes, over the limit of \(maximumDataBytes) (1 GiB)"))
        }
        return (magic + sizes, dimensions, byteCount)
    }

    private static func bigEndian(_ bytes: ArraySlice<UInt8>) -> UInt32 {
        bytes.reduce(0) { $0 << 8 | UInt32($1) }
    }
}
