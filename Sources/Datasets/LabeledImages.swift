import Dispatch

/// Labeled examples: pixels scaled to [0, 1] and a class label per example.
///
/// Pixels are row-major: example `i`'s features are `pixels[i * featureCount ..< (i + 1) * featureCount]`,
/// in storage that starts on a 64-byte boundary, so the kernels' vector loads of a row do not
/// straddle cache lines when a row is a whole number of lines (MNIST's 784 floats are 49).
/// Copies and prefixes share storage, so passing a `LabeledImages` around costs nothing.
///
/// ```swift
/// let tiny = LabeledImages(pixels: [0, 1, 0.5, 0.25], labels: [0, 1], featureCount: 2, classCount: 2)
/// tiny.label(at: 1)  // 1
/// ```
public struct LabeledImages: Sendable {
    public let count: Int
    public let featureCount: Int
    public let classCount: Int
    /// May hold more examples than `count` when this is a slice of a larger set.
    private let pixels: AlignedPixels
    private let labels: [UInt8]
    /// The first example's index in `pixels` and `labels`.
    private let start: Int

    /// Wraps pixels and labels; sizes must agree and every label must be below `classCount`.
    public init(pixels: [Float], labels: [UInt8], featureCount: Int, classCount: Int) {
        precondition(featureCount > 0, "featureCount must be positive")
        precondition(pixels.count == labels.count * featureCount,
                     "\(pixels.count) pixels do not make \(labels.count) examples of \(featureCount) features")
        precondition(labels.allSatisfy { Int($0) < classCount }, "a label is not below classCount \(classCount)")
        self.init(
            pixels: AlignedPixels(count: pixels.count) { target in
                _ = target.initialize(from: pixels)
            },
            labels: labels, start: 0, count: labels.count, featureCount: featureCount, classCount: classCount)
    }

    /// Wraps pixels already scaled into aligned storage (see `scaledPixels`).
    init(pixels: AlignedPixels, labels: [UInt8], featureCount: Int, classCount: Int) {
        precondition(featureCount > 0, "featureCount must be positive")
        precondition(pixels.count == labels.count * featureCount,
                     "\(pixels.count) pixels do not make \(labels.count) examples of \(featureCount) features")
        precondition(labels.allSatisfy { Int($0) < classCount }, "a label is not below classCount \(classCount)")
        self.init(
            pixels: pixels, labels: labels, start: 0, count: labels.count, featureCount: featureCount,
            classCount: classCount)
    }

    private init(pixels: AlignedPixels, labels: [UInt8], start: Int, count: Int, featureCount: Int, classCount: Int) {
        self.pixels = pixels
        self.labels = labels
        self.start = start
        self.count = count
        self.featureCount = featureCount
        self.classCount = classCount
    }

    /// Calls `body` with exactly `count * featureCount` pixels.
    public func withUnsafePixels<R>(_ body: (UnsafeBufferPointer<Float>) throws -> R) rethrows -> R {
        try body(UnsafeBufferPointer(start: pixels.base + start * featureCount, count: count * featureCount))
    }

    /// Calls `body` with exactly `count` labels.
    public func withUnsafeLabels<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try labels.withUnsafeBufferPointer { all in
            try body(UnsafeBufferPointer(rebasing: all[start ..< start + count]))
        }
    }

    public func label(at index: Int) -> Int {
        precondition(index >= 0 && index < count, "example index \(index) out of 0..<\(count)")
        return Int(labels[start + index])
    }

    /// The first `n` examples, in O(1): the result shares storage with `self`.
    public func prefix(_ n: Int) -> LabeledImages {
        precondition(n >= 0 && n <= count, "prefix length \(n) out of 0...\(count)")
        return LabeledImages(
            pixels: pixels, labels: labels, start: start, count: n, featureCount: featureCount, classCount: classCount)
    }

    /// The last `n` examples, in O(1): the result shares storage with `self`.
    public func suffix(_ n: Int) -> LabeledImages {
        precondition(n >= 0 && n <= count, "suffix length \(n) out of 0...\(count)")
        return LabeledImages(
            pixels: pixels, labels: labels, start: start + count - n, count: n, featureCount: featureCount,
            classCount: classCount)
    }
}

extension LabeledImages {
    /// Scales bytes to [0, 1] as `Float(byte) / 255`.
    ///
    /// This runs over 47 million bytes in debug builds too, where anything more abstract than a
    /// lookup table through moving raw pointers, unrolled, is several times slower; chunks run
    /// in parallel.
    static func scaledPixels(_ bytes: [UInt8]) -> AlignedPixels {
        let count = bytes.count
        let chunkSize = 1 << 20
        let chunkCount = (count + chunkSize - 1) / chunkSize
        return AlignedPixels(count: count) { output in
            bytes.withUnsafeBufferPointer { input in
                scaleTable.withUnsafeBufferPointer { table in
                    guard let source = input.baseAddress, let target = output.baseAddress,
                          let lookup = table.baseAddress else { return }
                    let buffers = ScaleBuffers(source: source, target: target, lookup: lookup)
                    DispatchQueue.concurrentPerform(iterations: chunkCount) { chunk in
                        let start = chunk * chunkSize
                        scale(buffers.source + start, count: min(chunkSize, count - start),
                              into: buffers.target + start, lookup: buffers.lookup)
                    }
                }
            }
        }
    }

    /// Chunks write disjoint ranges of `target` and only read the rest, so sharing is safe.
    private struct ScaleBuffers: @unchecked Sendable {
        let source: UnsafePointer<UInt8>
        let target: UnsafeMutablePointer<Float>
        let lookup: UnsafePointer<Float>
    }

    private static let scaleTable: [Float] = (0 ..< 256).map { Float($0) / 255 }

    private static func scale(_ source: UnsafePointer<UInt8>, count: Int, into target: UnsafeMutablePointer<Float>,
                              lookup: UnsafePointer<Float>) {
        var source = source
        var target = target
        let unrolledEnd = source + (count & ~3)
        while source < unrolledEnd {
            target[0] = lookup[Int(source[0])]
            target[1] = lookup[Int(source[1])]
            target[2] = lookup[Int(source[2])]
            target[3] = lookup[Int(source[3])]
            source += 4
            target += 4
        }
        for offset in 0 ..< (count & 3) {
            target[offset] = lookup[Int(source[offset])]
        }
    }
}

/// Pixel storage on a 64-byte boundary, filled once and then only read, so
/// it may be shared between threads.
final class AlignedPixels: @unchecked Sendable {
    let base: UnsafeMutablePointer<Float>
    let count: Int

    /// `count` floats, every one of which `fill` must write.
    init(count: Int, fill: (UnsafeMutableBufferPointer<Float>) -> Void) {
        self.count = count
        let raw = UnsafeMutableRawPointer.allocate(byteCount: max(count, 1) * MemoryLayout<Float>.stride, alignment: 64)
        base = raw.bindMemory(to: Float.self, capacity: max(count, 1))
        fill(UnsafeMutableBufferPointer(start: base, count: count))
    }

    subscript(index: Int) -> Float {
        precondition(index >= 0 && index < count, "pixel index \(index) out of 0..<\(count)")
        return base[index]
    }

    deinit { base.deallocate() }
}
