/// What the sweep knows about a run before training it.
public struct RunRecord: Sendable, Equatable {
    /// The run's identity: equal hashes are the same run, whatever experiment
    /// lists it.
    public var configHash: String
    /// Layer sizes, input first, e.g. `[784, 30, 10]`.
    public var layers: [Int]
    public var eta: Double
    public var epochs: Int
    public var batchSize: Int
    public var seed: Int64
    public var initialization: String
    public var dataset: String
    public var trainSize: Int
    public var testSize: Int
    /// The full configuration as JSON, for anything the other fields do not hold.
    public var paramsJSON: String

    public init(
        configHash: String, layers: [Int], eta: Double, epochs: Int, batchSize: Int, seed: Int64,
        initialization: String, dataset: String, trainSize: Int, testSize: Int, paramsJSON: String
    ) {
        self.configHash = configHash
        self.layers = layers
        self.eta = eta
        self.epochs = epochs
        self.batchSize = batchSize
        self.seed = seed
        self.initialization = initialization
        self.dataset = dataset
        self.trainSize = trainSize
        self.testSize = testSize
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
