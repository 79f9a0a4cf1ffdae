import Foundation

/// Why a dataset file (or a dataset) could not be used.
///
/// `description` is one line that starts with the file it is about (or, for
/// a name that is no dataset, with the name), e.g.
/// `data/mnist/train-images-idx3-ubyte.gz: truncated: header promises 60000×28×28 = 47040000 bytes, found 1234`.
public struct DatasetError: Error, CustomStringConvertible, Equatable, Sendable {
    /// What is wrong; tests and callers match on this, users read `description`.
    public enum Kind: Equatable, Sendable {
        /// Neither the file (nor, for dataset files, its `.gz` or plain twin) exists.
        case missing
        /// No directory for the name (or path) in `file`: `lookedIn` names each place
        /// looked in, in order (see `DatasetRegistry`), `hint` what to do.
        case notFound(lookedIn: [String], hint: String)
        /// The file exists but cannot be read (e.g. it is a directory, or permission is denied).
        case notReadable(reason: String)
        /// The file starts like gzip but its compressed stream is damaged or cut short.
        case corruptGzip(reason: String)
        /// The file ends inside the IDX header (magic number and dimensions).
        case truncatedHeader(expectedBytes: Int, foundBytes: Int)
        /// The data ends before the length the header promises.
        case truncated(dimensions: [Int], expectedBytes: Int, foundBytes: Int)
        /// More bytes follow the length the header promises.
        case trailingData(expectedBytes: Int, extraBytes: Int)
        /// The first two bytes of the magic number are not zero, so this is not an IDX file.
        case wrongMagic(found: UInt32, expected: UInt32?)
        /// The IDX element type is not 0x08 (unsigned byte), the only type supported.
        case unsupportedDataType(found: UInt8)
        /// Images need 3 dimensions (count, rows, columns), labels 1.
        case wrongDimensionCount(expected: Int, found: Int)
        /// The dimensions are unusable: their product overflows, or images have no pixels.
        case invalidDimensions(dimensions: [Int], reason: String)
        /// A labels file holds a different number of entries than its images file.
        case countMismatch(labelCount: Int, imagesFile: String, imageCount: Int)
        /// The training labels use fewer than two classes (class count = largest label + 1).
        case tooFewClasses(classCount: Int)
        /// A test label is not below the class count found in the training labels.
        case labelOutOfRange(index: Int, label: Int, classCount: Int)
        /// Test images are not the size of the training images.
        case imageSizeMismatch(found: [Int], expected: [Int], trainingFile: String)
        /// `Dataset.split` asked for more examples than the dataset holds (or a negative number);
        /// `file` is the dataset name and `part` is "training" or "test".
        case splitLimitOutOfRange(part: String, requested: Int, available: Int)
    }

    /// The file (or, for `splitLimitOutOfRange`, the dataset) the error is about, as the caller spelled it.
    public let file: String
    public let kind: Kind

    public init(file: String, kind: Kind) {
        self.file = file
        self.kind = kind
    }

    public var description: String {
        if case .notFound = kind { return "dataset '\(file)' \(reason)" }
        return "\(file): \(reason)"
    }

    /// What is wrong, without the file or name it is about: `missing`,
    /// `not found; looked in …`.
    public var reason: String { kind.explanation }
}

extension DatasetError.Kind {
    fileprivate var explanation: String {
        switch self {
        case .missing:
            return "missing"
        case .notFound(let places, let hint):
            return "not found; looked in \(places.joined(separator: ", ")); \(hint)"
        case .notReadable(let reason):
            return "not readable: \(reason)"
        case .corruptGzip(let reason):
            return "corrupt gzip data: \(reason)"
        case .truncatedHeader(let expected, let found):
            return "truncated: IDX header needs \(expected) bytes, found \(found)"
        case .truncated(let dimensions, let expected, let found):
            return "truncated: header promises \(product(dimensions)) = \(expected) bytes, found \(found)"
        case .trailingData(let expected, let extra):
            return "\(extra) bytes of trailing data after the \(expected) bytes the header promises"
        case .wrongMagic(let found, let expected):
            let wanted = expected.map { " (expected \(hex($0)))" } ?? ""
            return "not an IDX file: magic number \(hex(found))\(wanted)"
        case .unsupportedDataType(let found):
            return "unsupported IDX data type \(hex(found)) (\(dataTypeName(found))); only 0x08 (unsigned byte) is supported"
        case .wrongDimensionCount(let expected, let found):
            let role = expected == 3 ? "images" : expected == 1 ? "labels" : "this file"
            return "wrong number of dimensions: \(found), \(role) need \(expected)"
        case .invalidDimensions(let dimensions, let reason):
            return "invalid dimensions \(product(dimensions)): \(reason)"
        case .countMismatch(let labelCount, let imagesFile, let imageCount):
            return "\(labelCount) labels but \(imagesFile) holds \(imageCount) images"
        case .tooFewClasses(let classCount):
            return "labels define \(classCount) class\(classCount == 1 ? "" : "es") (largest label + 1); at least 2 are needed"
        case .labelOutOfRange(let index, let label, let classCount):
            return "label \(label) at index \(index) is not below the class count \(classCount) of the training labels"
        case .imageSizeMismatch(let found, let expected, let trainingFile):
            return "images are \(product(found)) but \(trainingFile) has \(product(expected))"
        case .splitLimitOutOfRange(let part, let requested, let available):
            if requested < 0 { return "\(part) limit \(requested) is negative" }
            if part == "validation" {
                return "validation limit \(requested) exceeds the \(available) training examples left after the training set"
            }
            return "\(part) limit \(requested) exceeds the \(available) \(part) examples available"
        }
    }

    private func product(_ dimensions: [Int]) -> String {
        dimensions.map(String.init).joined(separator: "×")
    }

    private func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return "0x" + String(repeating: "0", count: max(0, 8 - digits.count)) + digits
    }

    private func hex(_ value: UInt8) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return "0x" + (digits.count < 2 ? "0" : "") + digits
    }

    private func dataTypeName(_ code: UInt8) -> String {
        switch code {
        case 0x09: return "signed byte"
        case 0x0B: return "short"
        case 0x0C: return "int"
        case 0x0D: return "float"
        case 0x0E: return "double"
        default: return "unknown type"
        }
    }
}

/// So that Foundation's `localizedDescription` shows the same line.
extension DatasetError: LocalizedError {
    public var errorDescription: String? { description }
}
