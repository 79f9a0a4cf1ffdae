/// A run as a list of an experiment's runs needs it: its id, seed and
/// status, and the settings it shares with the other seeds of its
/// configuration, which are the columns `config_summary` groups by.
///
/// ```swift
/// for run in try results.runSettings(experiment: "eta") where run.status == .done {
///     print(run.id, run.eta, run.seed)
/// }
/// ```
public struct RunSettings: Sendable, Equatable {
    public var id: Int64
    public var status: RunStatus
    public var seed: UInt64
    /// Layer sizes, input first, e.g. `[784, 30, 10]`.
    public var layers: [Int]
    public var eta: Double
    public var epochs: Int
    public var batchSize: Int
    public var initialization: String
    public var dataset: String
    public var trainLimit: Int
    public var testLimit: Int
    /// `runs.hash_version`; nil for runs stored before it was recorded.
    public var hashVersion: Int?
    public var cost: String
    public var l2: Double
    public var momentum: Double
    public var patience: Int?
    public var etaHalving: Int?
    public var validationLimit: Int?

    public init(
        id: Int64, status: RunStatus, seed: UInt64, layers: [Int], eta: Double, epochs: Int, batchSize: Int,
        initialization: String, dataset: String, trainLimit: Int, testLimit: Int, hashVersion: Int?,
        cost: String, l2: Double, momentum: Double, patience: Int?, etaHalving: Int?, validationLimit: Int?
    ) {
        self.id = id
        self.status = status
        self.seed = seed
        self.layers = layers
        self.eta = eta
        self.epochs = epochs
        self.batchSize = batchSize
        self.initialization = initialization
        self.dataset = dataset
        self.trainLimit = trainLimit
        self.testLimit = testLimit
        self.hashVersion = hashVersion
        self.cost = cost
        self.l2 = l2
        self.momentum = momentum
        self.patience = patience
        self.etaHalving = etaHalving
        self.validationLimit = validationLimit
    }
}
