import Foundation

/// A dataset directory (`name`, in `directory`) of four plain IDX files in
/// MNIST's format: 30 training (or `trainImageCount`) and 10 test (or
/// `testImageCount`) images of 28×28 pixels, labels 0…9 in turn.
struct SyntheticDataSet {
    let path: String

    /// In checksum order: train images, train labels, test images, test labels.
    static let fileNames = ["train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"]

    init(
        in directory: URL, name: String = "synthetic", trainImageCount: Int = 30, trainLabelCount: Int? = nil,
        testImageCount: Int = 10
    ) throws {
        let data = directory.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        path = data.path
        try Self.images(count: trainImageCount).write(to: URL(fileURLWithPath: file("train-images-idx3-ubyte")))
        try Self.labels(count: trainLabelCount ?? trainImageCount)
            .write(to: URL(fileURLWithPath: file("train-labels-idx1-ubyte")))
        try Self.images(count: testImageCount).write(to: URL(fileURLWithPath: file("t10k-images-idx3-ubyte")))
        try Self.labels(count: testImageCount).write(to: URL(fileURLWithPath: file("t10k-labels-idx1-ubyte")))
    }

    func file(_ name: String) -> String {
        (path as NSString).appendingPathComponent(name)
    }

    /// Magic 0x00000803 (unsigned bytes, 3 dimensions), the sizes big-endian, then pixels.
    private static func images(count: Int) -> Data {
        var bytes: [UInt8] = [0, 0, 0x08, 0x03] + bigEndian(count) + bigEndian(28) + bigEndian(28)
        bytes += (0 ..< count * 28 * 28).map { UInt8(truncatingIfNeeded: $0 * 7) }
        return Data(bytes)
    }

    private static func labels(count: Int) -> Data {
        Data([0, 0, 0x08, 0x01] + bigEndian(count) + (0 ..< count).map { UInt8($0 % 10) })
    }

    private static func bigEndian(_ value: Int) -> [UInt8] {
        withUnsafeBytes(of: UInt32(value).bigEndian, Array.init)
    }
}
