/// What validating an experiment needs to know about a dataset, without loading its pixels.
public struct DatasetShape: Sendable, Hashable {
    /// Pixels per image (rows × columns): 784 for MNIST.
    public let featureCount: Int
    /// Largest training label + 1: 10 for MNIST.
    public let classCount: Int
    public let trainCount: Int
    public let testCount: Int

    public init(featureCount: Int, classCount: Int, trainCount: Int, testCount: Int) {
        self.featureCount = featureCount
        self.classCount = classCount
        self.trainCount = trainCount
        self.testCount = testCount
    }
}

extension Dataset {
    /// The shape of the dataset in `directory`, reading only the image files' headers and the
    /// (small) label files, with the same cross-file checks as `load`.
    public static func shape(directory: String) throws -> DatasetShape {
        let files = try DatasetFiles(directory: directory)
        let trainImageDimensions = try IDXReader.readDimensions(path: files.trainImages, dimensionCount: 3)
        let trainLabels = try IDXReader.read(path: files.trainLabels, dimensionCount: 1)
        let testImageDimensions = try IDXReader.readDimensions(path: files.testImages, dimensionCount: 3)
        let testLabels = try IDXReader.read(path: files.testLabels, dimensionCount: 1)
        return try files.validate(
            trainImageDimensions: trainImageDimensions, trainLabels: trainLabels.bytes,
            testImageDimensions: testImageDimensions, testLabels: testLabels.bytes)
    }
}
