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

    public init(
        configHash: String, layers: [Int], eta: Double, epochs: Int, batchSize: Int, seed: UInt64,
        initialization: String, dataset: String, trainLimit: Int, testLimit: Int, paramsJSON: String
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
    }
}

extension RunRecord {
    /// Layer sizes as the results keep them (`layers`, and `hidden` for the
    /// sizes between input and output) and as every report prints them: `784-30-10`.
    public static func layersText(_ sizes: some Sequence<Int>) -> String {
        sizes.map(String.init).joined(separator: "-")
    }
}
