/// A trainer's state after a finished epoch: enough for a new `Trainer`, in
/// another process, to continue the run with exactly the bits the
/// uninterrupted run would have produced.
///
/// It holds the parameters, the momentum velocities (with momentum only),
/// the learning rate after any halving, the validation selection's state
/// and the random generator's state. It does not hold the training
/// examples' order, which the trainer reshuffles in place each epoch:
/// resuming rebuilds it by replaying the epochs' shuffles from the seed.
/// Measured on 50,000 examples, the replay costs about 60 µs per epoch,
/// once (2 ms after epoch 30, against 32 ms for one epoch of [784, 30, 10]),
/// where storing the order would add 200 KB and 47 µs to every checkpoint,
/// twice the size and the time of the rest of a [784, 30, 10] one. The
/// generator's state after the replay must equal the stored one, which the
/// resuming trainer checks.
///
/// A checkpoint belongs to one configuration, apart from `epochs`, so that
/// a run can be continued to more epochs than it was first given; see
/// `Trainer.init(configuration:train:validation:test:kernels:resumingFrom:)`
/// for what is checked. `encoded()` describes the binary form.
///
/// ```swift
/// var saved: Data?
/// _ = try trainer.run { report in
///     saved = trainer.checkpoint().encoded()
///     return .proceed
/// }
/// // Later, perhaps in another process:
/// let resumed = try Trainer(configuration: config, train: split.train, validation: split.validation,
///                           test: split.test, resumingFrom: TrainingCheckpoint(decoding: saved!))
/// let rest = resumed.run { _ in .proceed }   // epochs after the checkpoint's
/// ```
public struct TrainingCheckpoint: Sendable {
    /// Epochs finished; the resumed run's first report is epoch `epoch + 1`.
    public let epoch: Int
    /// `TrainingConfiguration.fingerprint` of the configuration trained.
    public let configurationFingerprint: UInt64
    public let layers: [Int]
    /// Examples in the training set, whose count the shuffles depend on.
    public let trainCount: Int
    /// Examples in the validation set; 0 without one.
    public let validationCount: Int
    /// The learning rate of the next epoch.
    public let eta: Double
    /// In the network's layout (see `Network`).
    public let parameters: [Float]
    /// Each parameter's momentum velocity; nil without momentum.
    public let velocity: [Float]?
    let generator: RandomGenerator.State
    let selection: ValidationSelection
    /// Set when selection on the validation set ended the run in this epoch.
    let stopReason: String?

    /// The network as trained up to the checkpoint.
    public var network: Network<Float> { Network(layers: layers, parameters: parameters) }
}

extension TrainingCheckpoint: Equatable {
    /// Bit for bit: 0 and −0 differ, and a NaN equals itself.
    public static func == (a: TrainingCheckpoint, b: TrainingCheckpoint) -> Bool {
        a.epoch == b.epoch && a.configurationFingerprint == b.configurationFingerprint && a.layers == b.layers
            && a.trainCount == b.trainCount && a.validationCount == b.validationCount
            && a.eta.bitPattern == b.eta.bitPattern && a.parameters.map(\.bitPattern) == b.parameters.map(\.bitPattern)
            && a.velocity?.map(\.bitPattern) == b.velocity?.map(\.bitPattern) && a.generator == b.generator
            && a.selection.best.bitPattern == b.selection.best.bitPattern && a.selection == b.selection
            && a.stopReason == b.stopReason
    }
}

extension TrainingConfiguration {
    /// FNV-1a over every field that decides a run's numbers, which is all
    /// but `epochs`: more epochs continue a run without changing its past.
    /// Stable across processes and versions, unlike `hashValue`.
    public var fingerprint: UInt64 {
        var hash = FNV1a()
        hash.add(UInt64(layers.count))
        for size in layers { hash.add(UInt64(size)) }
        hash.add(eta.bitPattern)
        hash.add(UInt64(batchSize))
        hash.add(initialization.rawValue)
        hash.add(seed)
        hash.add(cost.rawValue)
        hash.add(l2.bitPattern)
        hash.add(momentum.bitPattern)
        for option in [patience, etaHalving] {
            hash.add(option == nil ? 0 : 1)
            hash.add(UInt64(option ?? 0))
        }
        return hash.value
    }
}

/// FNV-1a, 64-bit, fed whole 64-bit words: one multiplication per 8 bytes.
/// Each step is a bijection of the hash for a given word, so a change within
/// one word always changes the result.
struct FNV1a {
    private(set) var value: UInt64 = 0xCBF2_9CE4_8422_2325

    mutating func add(_ word: UInt64) {
        value = (value ^ word) &* 0x0000_0100_0000_01B3
    }

    mutating func add(_ text: String) {
        add(UInt64(text.utf8.count))
        for byte in text.utf8 { add(UInt64(byte)) }
    }
}
