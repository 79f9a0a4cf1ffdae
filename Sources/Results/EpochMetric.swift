/// A per-epoch measurement, by its column in `epochs`.
public enum EpochMetric: String, CaseIterable, Sendable {
    case validationAccuracy = "validation_accuracy"
    case testAccuracy = "test_accuracy"
    case validationCost = "validation_cost"
    case testCost = "test_cost"
    case trainCost = "train_cost"
}

/// One metric of a run's epochs, in epoch order, as three columns: the
/// compact form a chart of thousands of runs reads.
///
/// ```swift
/// let series = try results.epochSeries(runIDs: [1, 2], metric: .validationAccuracy)
/// print(series[1]?.values.last ?? .nan)
/// ```
public struct EpochSeries: Sendable, Equatable {
    /// 1-based epoch numbers.
    public var epochs: [Int]
    /// The metric in each epoch; NaN where the epoch has none (no
    /// validation set) or training produced NaN.
    public var values: [Double]
    /// The wall-clock seconds of each epoch.
    public var seconds: [Double]

    public init(epochs: [Int] = [], values: [Double] = [], seconds: [Double] = []) {
        self.epochs = epochs
        self.values = values
        self.seconds = seconds
    }

    public static func == (lhs: EpochSeries, rhs: EpochSeries) -> Bool {
        // NaN is equal to NaN here: two series with the same stored values are the same.
        lhs.epochs == rhs.epochs && lhs.seconds == rhs.seconds
            && lhs.values.count == rhs.values.count
            && zip(lhs.values, rhs.values).allSatisfy { $0 == $1 || ($0.isNaN && $1.isNaN) }
    }
}
