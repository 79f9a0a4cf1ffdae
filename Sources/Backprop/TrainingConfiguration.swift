/// Everything that determines a training run's numbers, apart from the data.
///
/// Two runs with equal configurations on the same data produce bit-identical
/// weights and metrics, on any CPU and with any kernel variant. The options
/// of Nielsen's chapter 3 (`cost`, `l2`, `momentum`, `patience`,
/// `etaHalving`) default to the network of chapters 1 and 2.
///
/// ```swift
/// var config = TrainingConfiguration(layers: [784, 30, 10], eta: 0.5,
///                                    epochs: 30, batchSize: 10, seed: 1)
/// config.cost = .crossEntropy
/// config.l2 = 5.0
/// ```
public struct TrainingConfiguration: Hashable, Sendable, Codable {
    /// Neurons per layer, input layer first: `[784, 30, 10]`.
    public var layers: [Int]
    /// The learning rate η (at the start, when `etaHalving` lowers it).
    public var eta: Double
    /// The most epochs to train; `patience` and `etaHalving` may stop sooner.
    public var epochs: Int
    /// The mini-batch size m; 1 is per-example stochastic gradient descent.
    public var batchSize: Int
    public var initialization: Initialization
    public var seed: UInt64
    /// The cost minimised, which also chooses the output layer.
    public var cost: CostFunction
    /// L2 regularisation λ ≥ 0: each step is `w → (1 − ηλ/n) w − (η/m) Σ ∂C/∂w`,
    /// n the number of training examples. Biases are not decayed. 0 is none.
    public var l2: Double
    /// Momentum μ in [0, 1): `v → μv − η∇C`, `w → w + v`, for weights and
    /// biases. 0 is plain stochastic gradient descent.
    public var momentum: Double
    /// Stop after this many epochs without a new best validation accuracy.
    public var patience: Int?
    /// Halve η after each this many epochs without a new best validation
    /// accuracy, and stop once η has fallen to 1/128 of its start.
    public var etaHalving: Int?

    public init(
        layers: [Int], eta: Double, epochs: Int, batchSize: Int,
        initialization: Initialization = .normal, seed: UInt64,
        cost: CostFunction = .quadratic, l2: Double = 0, momentum: Double = 0,
        patience: Int? = nil, etaHalving: Int? = nil
    ) {
        self.layers = layers
        self.eta = eta
        self.epochs = epochs
        self.batchSize = batchSize
        self.initialization = initialization
        self.seed = seed
        self.cost = cost
        self.l2 = l2
        self.momentum = momentum
        self.patience = patience
        self.etaHalving = etaHalving
    }

    /// Whether training needs a validation set: selection by validation
    /// accuracy stops or slows it.
    public var needsValidation: Bool { patience != nil || etaHalving != nil }
}

/// How weights and biases are drawn before training.
public enum Initialization: String, CaseIterable, Hashable, Sendable, Codable {
    /// Weights and biases from N(0, 1), as in Nielsen's chapter 1.
    case normal
    /// Weights from N(0, 1/n_in), biases from N(0, 1), as in Nielsen's chapter 3.
    case scaled
}

/// The cost a network minimises. Its raw values are the experiment files' spelling.
public enum CostFunction: String, CaseIterable, Hashable, Sendable, Codable {
    /// `C = ½‖y − a^L‖²` over sigmoid outputs, as in Nielsen's chapters 1 and 2;
    /// `δ^L = (a^L − y) ⊙ σ'(z^L)`.
    case quadratic
    /// `C = −Σ_j [y_j ln a_j + (1 − y_j) ln(1 − a_j)]` over sigmoid outputs;
    /// `δ^L = a^L − y`, free of the learning slowdown of σ'.
    case crossEntropy = "cross_entropy"
    /// A softmax output layer, `a_j = e^{z_j} / Σ_k e^{z_k}`, with
    /// `C = −ln a_y`; `δ^L = a^L − y`.
    case logLikelihood = "log_likelihood"
}
