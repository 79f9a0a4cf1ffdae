/// One configuration of an experiment over its seeds: the statistics of the
/// accuracies of its `done` runs, one row of the `config_summary` view. A
/// configuration trained by two hash versions (which a merge can link to one
/// experiment) has a summary for each.
///
/// ```swift
/// for summary in try results.configurationSummaries(experiment: "eta") {
///     print(summary.eta, summary.seedCount, summary.bestAccuracy.mean ?? .nan)
/// }
/// ```
public struct ConfigurationSummary: Sendable, Equatable {
    public var experiment: String
    /// Layer sizes, input first, e.g. `[784, 30, 10]`.
    public var layers: [Int]
    public var eta: Double
    public var epochs: Int
    public var batchSize: Int
    public var initialization: String
    public var dataset: String
    /// Training examples used (`train_size` in the results).
    public var trainLimit: Int
    /// Test examples evaluated (`test_size` in the results).
    public var testLimit: Int
    /// The arithmetic the runs' numbers come from; nil for runs whose
    /// configuration records none.
    public var hashVersion: Int?
    /// The `done` runs summarised: one per seed.
    public var seedCount: Int
    /// Over each seed's last epoch.
    public var finalAccuracy: AccuracyStatistics
    /// Over each seed's best epoch.
    public var bestAccuracy: AccuracyStatistics
    /// The position of the configuration's first run in the experiment's
    /// expansion order.
    public var firstPosition: Int

    public init(
        experiment: String, layers: [Int], eta: Double, epochs: Int, batchSize: Int, initialization: String,
        dataset: String, trainLimit: Int, testLimit: Int, hashVersion: Int?, seedCount: Int,
        finalAccuracy: AccuracyStatistics, bestAccuracy: AccuracyStatistics, firstPosition: Int
    ) {
        self.experiment = experiment
        self.layers = layers
        self.eta = eta
        self.epochs = epochs
        self.batchSize = batchSize
        self.initialization = initialization
        self.dataset = dataset
        self.trainLimit = trainLimit
        self.testLimit = testLimit
        self.hashVersion = hashVersion
        self.seedCount = seedCount
        self.finalAccuracy = finalAccuracy
        self.bestAccuracy = bestAccuracy
        self.firstPosition = firstPosition
    }
}

/// One accuracy (a fraction in 0...1) across a configuration's seeds. Each
/// is nil when no seed has the accuracy.
public struct AccuracyStatistics: Sendable, Equatable {
    public var mean: Double?
    /// The sample (n − 1) standard deviation; nil with fewer than two seeds.
    public var standardDeviation: Double?
    public var minimum: Double?
    public var maximum: Double?

    public init(mean: Double?, standardDeviation: Double?, minimum: Double?, maximum: Double?) {
        self.mean = mean
        self.standardDeviation = standardDeviation
        self.minimum = minimum
        self.maximum = maximum
    }
}
