import Datasets

/// Trains one network by stochastic gradient descent on a dataset, as in
/// Nielsen's `Network.SGD`: each epoch shuffles the training examples with
/// the run's generator, walks them in mini-batches of m, takes one step per
/// mini-batch, then evaluates on the test set.
///
/// Everything random comes from one `RandomGenerator` seeded with the
/// configuration's seed (first the initial parameters, then each epoch's
/// shuffle), so a configuration and dataset determine every number.
///
/// ```swift
/// let trainer = try Trainer(configuration: config, train: train, test: test)
/// let outcome = trainer.run { report in
///     print(report.epoch, report.testAccuracy)
///     return .proceed
/// }
/// ```
public final class Trainer {
    public let configuration: TrainingConfiguration
    /// The kernels that train; every variant gives the same bits.
    public let kernels: KernelVariant
    /// The network as trained so far.
    public var network: Network<Float> {
        Network(layers: configuration.layers, parameters: Array(UnsafeBufferPointer(start: parameters, count: parameterCount)))
    }
    /// The parameters in the network's layout, on a 64-byte boundary: the
    /// kernels' vector loads and stores of a 784-float weight row then stay
    /// within cache lines, which a Swift array's storage does not promise
    /// (training ran 8% slower with rows 32 bytes off).
    private let parameters: UnsafeMutablePointer<Float>
    private let parameterCount: Int
    public private(set) var epochsCompleted = 0
    private let train: LabeledImages
    private let test: LabeledImages
    private var generator: RandomGenerator
    /// The training examples' current order, reshuffled in place each epoch.
    private var order: [Int]
    private let workspace: Workspace<Float>
    private lazy var evaluationWorkspace = Workspace<Float>(
        layers: configuration.layers, capacity: Self.evaluationRows, variant: kernels)
    /// Rows per forward pass when evaluating; fixed so that results never
    /// depend on anything but the configuration.
    static let evaluationRows = 1000

    public init(
        configuration: TrainingConfiguration, train: LabeledImages, test: LabeledImages,
        kernels: KernelVariant = .default
    ) throws {
        try Self.validate(configuration, train: train, test: test)
        self.configuration = configuration
        self.kernels = kernels
        self.train = train
        self.test = test
        generator = RandomGenerator(seed: configuration.seed)
        let initial = Network<Float>(
            layers: configuration.layers, initialization: configuration.initialization, generator: &generator)
        parameterCount = initial.parameters.count
        parameters = UnsafeMutableRawPointer.allocate(byteCount: parameterCount * MemoryLayout<Float>.stride, alignment: 64)
            .bindMemory(to: Float.self, capacity: parameterCount)
        parameters.initialize(from: initial.parameters, count: parameterCount)
        order = Array(0 ..< train.count)
        workspace = Workspace(
            layers: configuration.layers, capacity: min(configuration.batchSize, train.count), variant: kernels)
    }

    /// Trains `configuration.epochs` epochs, reporting each to `onEpoch`,
    /// which may stop training between epochs. Stops early, as diverged, when
    /// a cost or a parameter stops being finite.
    public func run(onEpoch: (EpochReport) throws -> TrainingControl) rethrows -> TrainingOutcome {
        var reports: [EpochReport] = []
        while epochsCompleted < configuration.epochs {
            let clock = ContinuousClock()
            let start = clock.now
            let trainCost = trainEpoch()
            let evaluation = evaluate(test)
            let report = EpochReport(
                epoch: epochsCompleted, trainCost: trainCost, testCost: evaluation.cost,
                testAccuracy: evaluation.accuracy, seconds: (clock.now - start) / .seconds(1))
            if let reason = divergence(report) {
                return TrainingOutcome(epochs: reports, status: .diverged(epoch: report.epoch, reason: reason), network: network)
            }
            reports.append(report)
            if try onEpoch(report) == .stop, epochsCompleted < configuration.epochs {
                return TrainingOutcome(epochs: reports, status: .stopped, network: network)
            }
        }
        return TrainingOutcome(epochs: reports, status: .completed, network: network)
    }

    /// One pass over the shuffled training set; returns the mean cost of the
    /// examples, each measured in its mini-batch's forward pass, before that
    /// mini-batch's step.
    @discardableResult
    public func trainEpoch() -> Double {
        generator.shuffle(&order)
        let squaredError = train.withUnsafePixels { pixels in
            train.withUnsafeLabels { labels in
                order.withUnsafeBufferPointer { order in
                    workspace.trainEpoch(
                        parameters: parameters, pixels: pixels.baseAddress!, labels: labels.baseAddress!,
                        order: order.baseAddress!, count: order.count, batchSize: configuration.batchSize,
                        eta: configuration.eta)
                }
            }
        }
        epochsCompleted += 1
        return squaredError / 2 / Double(order.count)
    }

    /// Mean cost and accuracy (`argmax a^L` equal to the label, the first
    /// maximum winning) of the current network on `images`.
    public func evaluate(_ images: LabeledImages) -> Evaluation {
        let (squaredError, correct) = images.withUnsafePixels { pixels in
            images.withUnsafeLabels { labels in
                evaluationWorkspace.evaluate(
                    parameters: parameters, input: pixels.baseAddress!, labels: labels.baseAddress!, count: images.count)
            }
        }
        return Evaluation(cost: squaredError / 2 / Double(images.count), correct: correct, count: images.count)
    }

    private func divergence(_ report: EpochReport) -> String? {
        if !report.trainCost.isFinite { return "training cost is \(report.trainCost) in epoch \(report.epoch)" }
        if !report.testCost.isFinite { return "test cost is \(report.testCost) in epoch \(report.epoch)" }
        if let index = (0 ..< parameterCount).first(where: { !parameters[$0].isFinite }) {
            return "parameter \(index) is \(parameters[index]) after epoch \(report.epoch)"
        }
        return nil
    }

    deinit {
        parameters.deallocate()
    }

    private static func validate(_ configuration: TrainingConfiguration, train: LabeledImages, test: LabeledImages) throws {
        let layers = configuration.layers
        func fail(_ message: String) -> TrainingError { TrainingError(message: message) }
        guard layers.count >= 2, layers.allSatisfy({ $0 >= 1 }) else {
            throw fail("layers must be at least two sizes of 1 or more, got \(layers)")
        }
        guard layers[0] == train.featureCount, layers[0] == test.featureCount else {
            throw fail("the first layer has \(layers[0]) neurons but the data has \(train.featureCount) inputs")
        }
        guard layers[layers.count - 1] == train.classCount else {
            throw fail("the last layer has \(layers[layers.count - 1]) neurons but the data has \(train.classCount) classes")
        }
        guard configuration.eta.isFinite, configuration.eta > 0 else {
            throw fail("eta must be a finite number > 0, got \(configuration.eta)")
        }
        guard configuration.epochs >= 1 else { throw fail("epochs must be at least 1, got \(configuration.epochs)") }
        guard configuration.batchSize >= 1 else { throw fail("batch must be at least 1, got \(configuration.batchSize)") }
        guard train.count >= 1, test.count >= 1 else { throw fail("the training and test sets must not be empty") }
    }
}

/// Cost and accuracy of a network on a set of examples.
public struct Evaluation: Sendable, Equatable {
    /// Mean of ½‖y − a^L‖² over the examples.
    public let cost: Double
    public let correct: Int
    public let count: Int
    public var accuracy: Double { Double(correct) / Double(count) }
}

/// A configuration the trainer cannot run, e.g. layers that do not fit the data.
public struct TrainingError: Error, CustomStringConvertible, Equatable {
    public let message: String
    public var description: String { message }
}
