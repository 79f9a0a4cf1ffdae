/// Everything that determines a training run's numbers, apart from the data.
///
/// Two runs with equal configurations on the same data produce bit-identical
/// weights and metrics, on any CPU and with any kernel variant.
///
/// ```swift
/// let config = TrainingConfiguration(layers: [784, 30, 10], eta: 3.0,
///                                    epochs: 30, batchSize: 10, seed: 1)
/// ```
public struct TrainingConfiguration: Hashable, Sendable, Codable {
    /// Neurons per layer, input layer first: `[784, 30, 10]`.
    public var layers: [Int]
    /// The learning rate η.
    public var eta: Double
    public var epochs: Int
    /// The mini-batch size m; 1 is per-example stochastic gradient descent.
    public var batchSize: Int
    public var initialization: Initialization
    public var seed: UInt64

    public init(
        layers: [Int], eta: Double, epochs: Int, batchSize: Int,
        initialization: Initialization = .normal, seed: UInt64
    ) {
        self.layers = layers
        self.eta = eta
        self.epochs = epochs
        self.batchSize = batchSize
        self.initialization = initialization
        self.seed = seed
    }
}

/// How weights and biases are drawn before training.
public enum Initialization: String, CaseIterable, Hashable, Sendable, Codable {
    /// Weights and biases from N(0, 1), as in Nielsen's chapter 1.
    case normal
    /// Weights from N(0, 1/n_in), biases from N(0, 1), as in Nielsen's chapter 3.
    case scaled
}
