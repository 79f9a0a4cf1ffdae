import Crypto
import Dispatch
import Foundation

/// An MNIST-format dataset: 60,000-ish training and 10,000-ish test images with labels.
///
/// ```swift
/// let mnist = try Dataset.load(directory: "data/mnist", name: "mnist")
/// let split = try mnist.split(validationLimit: 10_000)   // 50,000 / 10,000 / 10,000, as in Nielsen's book
/// ```
public struct Dataset: Sendable {
    /// As requested: "mnist", or the directory path given.
    public let name: String
    /// The directory the files were read from.
    public let directory: String
    /// Every training image of the file (Nielsen's validation set included).
    public let train: LabeledImages
    /// Every t10k image.
    public let test: LabeledImages
    /// Hex SHA-256 over the uncompressed bytes of the four files (train images, train labels,
    /// test images, test labels, in that order): identifies the data whatever its compression.
    public let checksum: String

    /// Reads and validates the four files of `directory` (see `DatasetError` for what is checked).
    /// `name` defaults to `directory`.
    public static func load(directory: String, name: String? = nil) throws -> Dataset {
        let files = try DatasetFiles(directory: directory)
        let dimensionCounts = [3, 1, 3, 1]
        // Files are independent: read (and scale pixels) in parallel, then report the first
        // failure in file order so the error does not depend on timing.
        let loaded = concurrentMap(files.all.indices) { index in
            Result { () throws -> LoadedFile in
                let array = try IDXReader.read(path: files.all[index], dimensionCount: dimensionCounts[index])
                let pixels = dimensionCounts[index] == 3 ? LabeledImages.scaledPixels(array.bytes) : nil
                return LoadedFile(array: array, pixels: pixels)
            }
        }
        let (trainImages, trainLabels, testImages, testLabels) =
            (try loaded[0].get(), try loaded[1].get(), try loaded[2].get(), try loaded[3].get())
        let shape = try files.validate(
            trainImageDimensions: trainImages.array.dimensions, trainLabels: trainLabels.array.bytes,
            testImageDimensions: testImages.array.dimensions, testLabels: testLabels.array.bytes)

        var hasher = SHA256()
        for file in [trainImages, trainLabels, testImages, testLabels] {
            file.array.feed(into: &hasher)
        }
        return Dataset(
            name: name ?? directory,
            directory: directory,
            train: LabeledImages(pixels: trainImages.pixels!, labels: trainLabels.array.bytes,
                                 featureCount: shape.featureCount, classCount: shape.classCount),
            test: LabeledImages(pixels: testImages.pixels!, labels: testLabels.array.bytes,
                                featureCount: shape.featureCount, classCount: shape.classCount),
            checksum: Checksum.hex(hasher.finalize()))
    }

    /// Nielsen's training set: the first 50,000 of MNIST's 60,000 training images. The default
    /// of every command and experiment file.
    public static let nielsenTrainLimit = 50_000
    /// Nielsen's validation set: the last 10,000 training images, 50,000–59,999.
    public static let nielsenValidationLimit = 10_000
    /// All of MNIST's 10,000 test images: the default test set.
    public static let nielsenTestLimit = 10_000

    /// Nielsen's split: the first `trainLimit` training images, the last `validationLimit`
    /// training images (MNIST's 50,000–59,999 by default; they never overlap the training
    /// examples) and the first `testLimit` test images. All share storage with `self`.
    /// A limit out of range, or a validation set reaching into the training examples, throws
    /// `DatasetError` naming the dataset.
    public func split(
        trainLimit: Int = nielsenTrainLimit, validationLimit: Int = 0, testLimit: Int = nielsenTestLimit
    ) throws -> DataSplit {
        for (part, limit, available) in [
            ("training", trainLimit, train.count), ("validation", validationLimit, train.count - max(trainLimit, 0)),
            ("test", testLimit, test.count),
        ] {
            guard limit >= 0 && limit <= available else {
                throw DatasetError(file: name, kind: .splitLimitOutOfRange(part: part, requested: limit, available: available))
            }
        }
        return DataSplit(
            train: train.prefix(trainLimit), validation: validationLimit > 0 ? train.suffix(validationLimit) : nil,
            test: test.prefix(testLimit))
    }

    /// The same data under another name (the cache shares one load between names).
    func renamed(_ name: String) -> Dataset {
        Dataset(name: name, directory: directory, train: train, test: test, checksum: checksum)
    }
}

private struct LoadedFile: Sendable {
    let array: IDXArray
    /// Scaled pixels, for image files.
    let pixels: AlignedPixels?
}

/// `map` over a few independent, heavy jobs, one thread each. Each job
/// writes only its own slot, but several threads writing into one Swift array
/// is still a data race (the storage is shared, and a write may copy it), so
/// the writes take a lock.
private func concurrentMap<T: Sendable>(_ indices: Range<Int>, _ transform: @Sendable (Int) -> T) -> [T] {
    let slots = Locked([T?](repeating: nil, count: indices.count))
    DispatchQueue.concurrentPerform(iterations: indices.count) { offset in
        let value = transform(indices.lowerBound + offset)
        slots.withLock { $0[offset] = value }
    }
    return slots.withLock { $0.compactMap { $0 } }
}

/// The examples a run trains on, selects on and reports on.
public struct DataSplit: Sendable {
    public let train: LabeledImages
    /// Nil when the run has no validation set.
    public let validation: LabeledImages?
    public let test: LabeledImages
}
