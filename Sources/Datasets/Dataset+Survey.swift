import Crypto

/// What a listing of datasets shows of one: its shape and checksum.
public struct DatasetSurvey: Sendable, Equatable {
    public let shape: DatasetShape
    /// The same checksum as `Dataset.checksum`.
    public let checksum: String
}

extension Dataset {
    /// The shape and checksum of the dataset in `directory`, with the checks
    /// of `load`, reading one file at a time and keeping no pixels: a listing
    /// of several datasets holds one file's bytes at once, not every dataset's
    /// scaled images.
    public static func survey(directory: String) throws -> DatasetSurvey {
        let files = try DatasetFiles(directory: directory)
        var hasher = SHA256()
        var dimensions: [[Int]] = []
        var labels: [[UInt8]] = []
        for (index, path) in files.all.enumerated() {
            let isImages = index % 2 == 0
            let array = try IDXReader.read(path: path, dimensionCount: isImages ? 3 : 1)
            array.feed(into: &hasher)
            if isImages { dimensions.append(array.dimensions) } else { labels.append(array.bytes) }
        }
        let shape = try files.validate(
            trainImageDimensions: dimensions[0], trainLabels: labels[0],
            testImageDimensions: dimensions[1], testLabels: labels[1])
        return DatasetSurvey(shape: shape, checksum: Checksum.hex(hasher.finalize()))
    }
}
