import Foundation

/// The four files of an MNIST-format dataset directory, each gzipped (`.gz`) or plain;
/// `.gz` wins when both exist.
struct DatasetFiles {
    static let baseNames = [
        "train-images-idx3-ubyte", "train-labels-idx1-ubyte",
        "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte",
    ]

    let trainImages: String
    let trainLabels: String
    let testImages: String
    let testLabels: String

    /// In checksum order: train images, train labels, test images, test labels.
    var all: [String] { [trainImages, trainLabels, testImages, testLabels] }

    init(directory: String) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) else {
            throw DatasetError(file: directory, kind: .missing)
        }
        guard isDirectory.boolValue else {
            throw DatasetError(file: directory, kind: .notReadable(reason: "not a directory"))
        }
        let paths = try Self.baseNames.map { try Self.locate($0, in: directory) }
        (trainImages, trainLabels, testImages, testLabels) = (paths[0], paths[1], paths[2], paths[3])
    }

    private static func locate(_ baseName: String, in directory: String) throws -> String {
        let plain = directory.hasSuffix("/") ? directory + baseName : directory + "/" + baseName
        let compressed = plain + ".gz"
        if FileManager.default.fileExists(atPath: compressed) { return compressed }
        if FileManager.default.fileExists(atPath: plain) { return plain }
        throw DatasetError(file: compressed, kind: .missing)
    }
}

/// Cross-file checks shared by `Dataset.load` and `Dataset.shape`.
extension DatasetFiles {
    /// Checks that the four files fit together and returns the dataset's shape.
    func validate(trainImageDimensions: [Int], trainLabels: [UInt8],
                  testImageDimensions: [Int], testLabels: [UInt8]) throws -> DatasetShape {
        let (featureCount, overflow) = trainImageDimensions[1].multipliedReportingOverflow(by: trainImageDimensions[2])
        guard !overflow, featureCount > 0 else {
            let reason = overflow ? "their product overflows" : "images have no pixels"
            throw DatasetError(file: trainImages, kind: .invalidDimensions(dimensions: trainImageDimensions, reason: reason))
        }
        guard trainLabels.count == trainImageDimensions[0] else {
            throw DatasetError(file: self.trainLabels, kind: .countMismatch(
                labelCount: trainLabels.count, imagesFile: trainImages, imageCount: trainImageDimensions[0]))
        }
        guard testImageDimensions.dropFirst() == trainImageDimensions.dropFirst() else {
            throw DatasetError(file: testImages, kind: .imageSizeMismatch(
                found: Array(testImageDimensions.dropFirst()), expected: Array(trainImageDimensions.dropFirst()),
                trainingFile: trainImages))
        }
        guard testLabels.count == testImageDimensions[0] else {
            throw DatasetError(file: self.testLabels, kind: .countMismatch(
                labelCount: testLabels.count, imagesFile: testImages, imageCount: testImageDimensions[0]))
        }
        let classCount = trainLabels.max().map { Int($0) + 1 } ?? 0
        guard classCount >= 2 else {
            throw DatasetError(file: self.trainLabels, kind: .tooFewClasses(classCount: classCount))
        }
        if let index = testLabels.firstIndex(where: { Int($0) >= classCount }) {
            throw DatasetError(file: self.testLabels, kind: .labelOutOfRange(
                index: index, label: Int(testLabels[index]), classCount: classCount))
        }
        return DatasetShape(featureCount: featureCount, classCount: classCount,
                            trainCount: trainLabels.count, testCount: testLabels.count)
    }
}
