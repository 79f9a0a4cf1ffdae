import CBackprop
import Datasets

/// Trains one network by stochastic gradient descent on a dataset, as in
/// Nielsen's `Network.SGD`: each epoch shuffles the training examples with
/// the run's generator, walks them in mini-batches of m, takes one step per
/// mini-batch, then evaluates on the validation set (if any) and the test
/// set. Only validation accuracy steers training (`patience`, `etaHalving`);
/// the test set is never looked at for a decision.
///
/// Everything random comes from one `RandomGenerator` seeded with the
/// configuration's seed (first the initial parameters, then each epoch's
/// shuffle), so a configuration and dataset determine every number.
///
/// ```swift
/// let trainer = try Trainer(configuration: config, train: split.train,
///                           validation: split.validation, test: split.test)
/// let outcome = trainer.run { report in
///     print(report.epoch, report.validationAccuracy ?? .nan, report.testAccuracy)
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
    let parameters: UnsafeMutablePointer<Float>
    let parameterCount: Int
    /// With momentum, each parameter's velocity, in the same layout; zero at the start.
    let velocity: UnsafeMutablePointer<Float>?
    public internal(set) var epochsCompleted = 0
    let train: LabeledImages
    let validation: LabeledImages?
    private let test: LabeledImages
    /// The learning rate of the next epoch.
    public internal(set) var eta: Double
    var selection = ValidationSelection()
    /// Set when selection on the validation set has ended the run, so that
    /// a trainer resumed from a checkpoint of that epoch ends it too.
    var earlyStop: (epoch: Int, reason: String)?
    var generator: RandomGenerator
    /// The training examples' current order, reshuffled in place each epoch.
    var order: [Int]
    private let workspace: Workspace<Float>
    private lazy var evaluationWorkspace = Workspace<Float>(
        layers: configuration.layers, capacity: Self.evaluationRows, variant: kernels)
    /// Rows per forward pass when evaluating; fixed so that results never
    /// depend on anything but the configuration.
    static let evaluationRows = 1000

    public init(
        configuration: TrainingConfiguration, train: LabeledImages, validation: LabeledImages? = nil,
        test: LabeledImages, kernels: KernelVariant = .default
    ) throws {
        let validation = validation.flatMap { $0.count > 0 ? $0 : nil }
        try Self.validate(configuration, train: train, validation: validation, test: test)
        self.configuration = configuration
        self.kernels = kernels
        self.train = train
        self.validation = validation
        self.test = test
        eta = configuration.eta
        generator = RandomGenerator(seed: configuration.seed)
        let initial = Network<Float>(
            layers: configuration.layers, initialization: configuration.initialization, generator: &generator)
        parameterCount = initial.parameters.count
        parameters = UnsafeMutableRawPointer.allocate(byteCount: parameterCount * MemoryLayout<Float>.stride, alignment: 64)
            .bindMemory(to: Float.self, capacity: parameterCount)
        parameters.initialize(from: initial.parameters, count: parameterCount)
        if configuration.momentum > 0 {
            velocity = UnsafeMutableRawPointer.allocate(
                byteCount: parameterCount * MemoryLayout<Float>.stride, alignment: 64
            ).initializeMemory(as: Float.self, repeating: 0, count: parameterCount)
        } else {
            velocity = nil
        }
        order = Array(0 ..< train.count)
        workspace = Workspace(
            layers: configuration.layers, capacity: min(configuration.batchSize, train.count), variant: kernels)
    }

    /// Trains up to `configuration.epochs` epochs, reporting each to
    /// `onEpoch`, which may stop training between epochs. Stops early, as
    /// diverged, when a cost or a parameter stops being finite, and as
    /// finished when `patience` or `etaHalving` ends training (at once,
    /// without an epoch, for a trainer resumed after such an end).
    public func run(onEpoch: (EpochReport) throws -> TrainingControl) rethrows -> TrainingOutcome {
        var reports: [EpochReport] = []
        while epochsCompleted < configuration.epochs {
            if let earlyStop {
                return TrainingOutcome(
                    epochs: reports, status: .stoppedEarly(epoch: earlyStop.epoch, reason: earlyStop.reason),
                    network: network)
            }
            let clock = ContinuousClock()
            let start = clock.now
            let epochEta = eta
            let trainCost = trainEpoch()
            let checked = validation.map(evaluate)
            let evaluation = evaluate(test)
            let report = EpochReport(
                epoch: epochsCompleted, eta: epochEta, trainCost: trainCost, testCost: evaluation.cost,
                testAccuracy: evaluation.accuracy, validationCost: checked?.cost, validationAccuracy: checked?.accuracy,
                seconds: (clock.now - start) / .seconds(1))
            if let reason = divergence(report) {
                return TrainingOutcome(epochs: reports, status: .diverged(epoch: report.epoch, reason: reason), network: network)
            }
            reports.append(report)
            // The verdict takes effect before `onEpoch` hears of the epoch,
            // so that a checkpoint taken there is the state the next epoch starts from.
            switch checked.map({ selection.record(accuracy: $0.accuracy, configuration: configuration) }) {
            case .stop(let reason)?: earlyStop = (report.epoch, reason)
            case .halveEta?: eta /= 2
            default: break
            }
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
        // L2's n is the number of training examples, as in Nielsen's `len(training_data)`.
        let rule = bp_rule(
            cost: configuration.cost.kernel, l2: configuration.l2 / Double(train.count),
            momentum: configuration.momentum, velocity: velocity.map { UnsafeMutableRawPointer($0) })
        let summedCost = train.withUnsafePixels { pixels in
            train.withUnsafeLabels { labels in
                order.withUnsafeBufferPointer { order in
                    workspace.trainEpoch(
                        parameters: parameters, pixels: pixels.baseAddress!, labels: labels.baseAddress!,
                        order: order.baseAddress!, count: order.count, batchSize: configuration.batchSize,
                        eta: eta, rule: rule)
                }
            }
        }
        epochsCompleted += 1
        return summedCost / Double(order.count)
    }

    /// Mean cost and accuracy (`argmax a^L` equal to the label, the first
    /// maximum winning) of the current network on `images`. The cost is the
    /// run's cost function alone, without L2's term, so that it compares
    /// across values of λ.
    public func evaluate(_ images: LabeledImages) -> Evaluation {
        let (summedCost, correct) = images.withUnsafePixels { pixels in
            images.withUnsafeLabels { labels in
                evaluationWorkspace.evaluate(
                    parameters: parameters, input: pixels.baseAddress!, labels: labels.baseAddress!, count: images.count,
                    cost: configuration.cost)
            }
        }
        return Evaluation(cost: summedCost / Double(images.count), correct: correct, count: images.count)
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
        velocity?.deallocate()
    }

    private static func validate(
        _ configuration: TrainingConfiguration, train: LabeledImages, validation: LabeledImages?, test: LabeledImages
    ) throws {
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
        if let validation, validation.featureCount != train.featureCount || validation.classCount != train.classCount {
            throw fail("the validation set's shape differs from the training set's")
        }
        guard configuration.l2.isFinite, configuration.l2 >= 0 else {
            throw fail("l2 must be a finite number ≥ 0, got \(configuration.l2)")
        }
        guard configuration.momentum >= 0, configuration.momentum < 1 else {
            throw fail("momentum must be in [0, 1), got \(configuration.momentum)")
        }
        for (key, value) in [("patience", configuration.patience), ("eta_halving", configuration.etaHalving)] {
            guard let value else { continue }
            guard value >= 1 else { throw fail("\(key) must be at least 1, got \(value)") }
            guard validation != nil else { throw fail("\(key) needs a validation set") }
        }
    }
}

/// Cost and accuracy of a network on a set of examples.
public struct Evaluation: Sendable, Equatable {
    /// Mean cost over the examples (½‖y − a^L‖² for the quadratic cost).
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
