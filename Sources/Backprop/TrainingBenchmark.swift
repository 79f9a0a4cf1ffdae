import Datasets

/// Training speed, measured the same way every time: passes of whole epochs,
/// each from the same initial network, after one untimed pass that warms the
/// caches and the clock (the first epoch of a process runs a few percent
/// slower). Only training is timed: shuffling, mini-batches, forward and
/// backward passes and the steps; no evaluation.
///
/// ```swift
/// let benchmark = try TrainingBenchmark(configuration: config, train: train, test: test, kernels: .avx512)
/// let seconds = try benchmark.run(passes: 5) { pass, seconds in print(pass, seconds) }
/// let examplesPerSecond = Double(benchmark.examplesPerPass) / seconds.sorted()[2]
/// ```
public struct TrainingBenchmark {
    /// Its `epochs` are the epochs of one pass.
    public let configuration: TrainingConfiguration
    public let train: LabeledImages
    public let test: LabeledImages
    public let kernels: KernelVariant
    /// Floating-point operations of one training example (see `Network.trainingFLOPsPerExample`).
    public let flopsPerExample: Int

    /// - Throws: `TrainingError` for a configuration the data cannot take.
    public init(configuration: TrainingConfiguration, train: LabeledImages, test: LabeledImages, kernels: KernelVariant) throws {
        self.configuration = configuration
        self.train = train
        self.test = test
        self.kernels = kernels
        flopsPerExample = try Trainer(configuration: configuration, train: train, test: test, kernels: kernels)
            .network.trainingFLOPsPerExample
    }

    public var examplesPerPass: Int { configuration.epochs * train.count }

    /// The seconds of each timed pass, in order; `timed` hears of each as it ends.
    public func run(passes: Int, timed: (_ pass: Int, _ seconds: Double) -> Void = { _, _ in }) throws -> [Double] {
        var seconds: [Double] = []
        for pass in 0 ... passes {
            let trainer = try Trainer(configuration: configuration, train: train, test: test, kernels: kernels)
            let clock = ContinuousClock()
            let start = clock.now
            for _ in 0 ..< configuration.epochs { trainer.trainEpoch() }
            let elapsed = (clock.now - start) / .seconds(1)
            guard pass > 0 else { continue }
            timed(pass, elapsed)
            seconds.append(elapsed)
        }
        return seconds
    }
}
