/// One configuration of an experiment over its seeds: the statistics of the
/// accuracies of its `done` runs, one row of the `config_summary` view. A
/// configuration trained by two hash versions (which a merge can link to one
/// experiment) has a summary for each.
///
/// Each seed's best epoch is chosen on the validation set and reported by
/// its test accuracy (`testAccuracyAtBestValidation`); a configuration
/// without a validation set has only its best test accuracy, chosen on the
/// test set itself and so optimistic.
///
/// ```swift
/// for summary in try results.configurationSummaries(experiment: "eta") {
///     print(summary.eta, summary.seedCount, summary.reportedTestAccuracy.mean ?? .nan,
///           summary.isChosenOnValidation ? "" : "(chosen on the test set)")
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
    public var cost: String
    public var l2: Double
    public var momentum: Double
    public var patience: Int?
    public var etaHalving: Int?
    /// Validation examples evaluated (`validation_size` in the results); 0
    /// is none, nil for runs stored before validation sets were recorded.
    public var validationLimit: Int?
    /// The `done` runs summarised: one per seed.
    public var seedCount: Int
    /// Over each seed's last epoch.
    public var finalAccuracy: AccuracyStatistics
    /// Over each seed's best epoch by test accuracy: chosen on the test set, so optimistic.
    public var bestAccuracy: AccuracyStatistics
    /// Over each seed's best validation accuracy; empty without a validation set.
    public var bestValidationAccuracy: AccuracyStatistics
    /// Over each seed's test accuracy in its best validation epoch; empty
    /// without a validation set.
    public var testAccuracyAtBestValidation: AccuracyStatistics
    /// The position of the configuration's first run in the experiment's
    /// expansion order.
    public var firstPosition: Int

    public init(
        experiment: String, layers: [Int], eta: Double, epochs: Int, batchSize: Int, initialization: String,
        dataset: String, trainLimit: Int, testLimit: Int, hashVersion: Int?, cost: String = "quadratic",
        l2: Double = 0, momentum: Double = 0, patience: Int? = nil, etaHalving: Int? = nil,
        validationLimit: Int? = 0, seedCount: Int, finalAccuracy: AccuracyStatistics,
        bestAccuracy: AccuracyStatistics, bestValidationAccuracy: AccuracyStatistics = .empty,
        testAccuracyAtBestValidation: AccuracyStatistics = .empty, firstPosition: Int
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
        self.cost = cost
        self.l2 = l2
        self.momentum = momentum
        self.patience = patience
        self.etaHalving = etaHalving
        self.validationLimit = validationLimit
        self.seedCount = seedCount
        self.finalAccuracy = finalAccuracy
        self.bestAccuracy = bestAccuracy
        self.bestValidationAccuracy = bestValidationAccuracy
        self.testAccuracyAtBestValidation = testAccuracyAtBestValidation
        self.firstPosition = firstPosition
    }

    /// Whether the seeds' best epochs were chosen on a validation set.
    public var isChosenOnValidation: Bool { bestValidationAccuracy.mean != nil }

    /// The test accuracy to report: at each seed's best validation epoch,
    /// or, without a validation set, the best test accuracy (optimistic).
    public var reportedTestAccuracy: AccuracyStatistics {
        isChosenOnValidation ? testAccuracyAtBestValidation : bestAccuracy
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

    /// No seed has the accuracy.
    public static let empty = AccuracyStatistics(mean: nil, standardDeviation: nil, minimum: nil, maximum: nil)
}
