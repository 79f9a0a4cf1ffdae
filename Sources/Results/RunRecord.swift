/// What the sweep knows about a run before training it. Its fields are named
/// and typed as `Experiments.RunSpec` and its `TrainingConfiguration` name
/// them, so that the sweep copies one into the other field by field.
public struct RunRecord: Sendable, Equatable {
    /// The run's identity: equal hashes are the same run, whatever experiment
    /// lists it.
    public var configHash: String
    /// Layer sizes, input first, e.g. `[784, 30, 10]`.
    public var layers: [Int]
    public var eta: Double
    public var epochs: Int
    public var batchSize: Int
    /// The random generator's seed. A store keeps seeds up to `Int64.max`,
    /// every seed an experiment file accepts, and refuses larger ones.
    public var seed: UInt64
    public var initialization: String
    public var dataset: String
    /// Training examples used, from the start of the training split
    /// (`train_size` in the results).
    public var trainLimit: Int
    /// Test examples evaluated, from the start of the test split
    /// (`test_size` in the results).
    public var testLimit: Int
    /// The full configuration as JSON, for anything the other fields do not hold.
    public var paramsJSON: String
    /// `quadratic`, `cross_entropy` or `log_likelihood`.
    public var cost: String
    /// L2 regularisation λ; 0 is none.
    public var l2: Double
    /// Momentum μ; 0 is none.
    public var momentum: Double
    /// Epochs without a new best validation accuracy before training stops; nil is never.
    public var patience: Int?
    /// Epochs without a new best validation accuracy before η halves; nil is never.
    public var etaHalving: Int?
    /// Validation examples evaluated after each epoch, from the end of the
    /// training split (`validation_size` in the results); 0 is none. Nil
    /// for a run stored before validation sets were recorded: it evaluated
    /// none, though its identity is that of the default validation set.
    public var validationLimit: Int?

    public init(
        configHash: String, layers: [Int], eta: Double, epochs: Int, batchSize: Int, seed: UInt64,
        initialization: String, dataset: String, trainLimit: Int, testLimit: Int, paramsJSON: String,
        cost: String = "quadratic", l2: Double = 0, momentum: Double = 0, patience: Int? = nil,
        etaHalving: Int? = nil, validationLimit: Int? = 0
    ) {
        self.configHash = configHash
        self.layers = layers
        self.eta = eta
        self.epochs = epochs
        self.batchSize = batchSize
        self.seed = seed
        self.initialization = initialization
        self.dataset = dataset
        self.trainLimit = trainLimit
        self.testLimit = testLimit
        self.paramsJSON = paramsJSON
        self.cost = cost
        self.l2 = l2
        self.momentum = momentum
        self.patience = patience
        self.etaHalving = etaHalving
        self.validationLimit = validationLimit
    }
}

extension RunRecord {
    /// Layer sizes as the results keep them (`layers`, and `hidden` for the
    /// sizes between input and output) and as every report prints them: `784-30-10`.
    public static func layersText(_ sizes: some Sequence<Int>) -> String {
        sizes.map(String.init).joined(separator: "-")
    }
}
