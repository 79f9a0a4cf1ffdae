import Results

/// A per-epoch measurement a learning curve can show.
enum EpochMetric: String, CaseIterable, Sendable {
    case validationAccuracy = "validation_accuracy"
    case testAccuracy = "test_accuracy"
    case validationCost = "validation_cost"
    case testCost = "test_cost"
    case trainCost = "train_cost"

    var label: String {
        switch self {
        case .validationAccuracy: "validation accuracy"
        case .testAccuracy: "test accuracy"
        case .validationCost: "validation cost"
        case .testCost: "test cost"
        case .trainCost: "training cost"
        }
    }

    /// The value in an epoch; nil when the epoch has none or it is not finite
    /// (a diverged run's NaN cost).
    func value(in epoch: EpochRecord) -> Double? {
        let value: Double? = switch self {
        case .validationAccuracy: epoch.validationAccuracy
        case .testAccuracy: epoch.testAccuracy
        case .validationCost: epoch.validationCost
        case .testCost: epoch.testCost
        case .trainCost: epoch.trainCost
        }
        return value.flatMap { $0.isFinite ? $0 : nil }
    }

    static func parse(_ text: String?) throws -> EpochMetric {
        guard let text else { return .validationAccuracy }
        guard let metric = EpochMetric(rawValue: text) else {
            throw DashboardFailure(400, "unknown metric \(text); one of \(allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return metric
    }
}

/// A per-run outcome a configuration's seeds are summarised by.
enum OutcomeMetric: String, CaseIterable, Sendable {
    case testAccuracyAtBestValidation = "test_accuracy_at_best_validation"
    case bestValidationAccuracy = "best_validation_accuracy"
    case bestAccuracy = "best_accuracy"
    case finalAccuracy = "final_accuracy"

    var label: String {
        switch self {
        case .testAccuracyAtBestValidation: "test accuracy at the best validation epoch"
        case .bestValidationAccuracy: "best validation accuracy"
        case .bestAccuracy: "best test accuracy (chosen on the test set)"
        case .finalAccuracy: "final test accuracy"
        }
    }

    func statistics(of summary: ConfigurationSummary) -> AccuracyStatistics {
        switch self {
        case .testAccuracyAtBestValidation: summary.testAccuracyAtBestValidation
        case .bestValidationAccuracy: summary.bestValidationAccuracy
        case .bestAccuracy: summary.bestAccuracy
        case .finalAccuracy: summary.finalAccuracy
        }
    }

    static func parse(_ text: String?) throws -> OutcomeMetric {
        guard let text else { return .testAccuracyAtBestValidation }
        guard let metric = OutcomeMetric(rawValue: text) else {
            throw DashboardFailure(400, "unknown metric \(text); one of \(allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return metric
    }
}

/// What a curve's band spans at each epoch.
enum BandKind: String, CaseIterable, Sendable {
    /// The mean ± one sample standard deviation.
    case sd
    /// The lowest to the highest seed.
    case minmax
    case none

    static func parse(_ text: String?) throws -> BandKind {
        guard let text else { return .sd }
        guard let band = BandKind(rawValue: text) else {
            throw DashboardFailure(400, "unknown band \(text); one of \(allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return band
    }
}

/// A learning curve's x axis.
enum CurveAxis: String, CaseIterable, Sendable {
    case epoch
    /// Wall-clock seconds since the run started training.
    case seconds

    static func parse(_ text: String?) throws -> CurveAxis {
        guard let text else { return .epoch }
        guard let axis = CurveAxis(rawValue: text) else {
            throw DashboardFailure(400, "unknown x axis \(text); one of \(allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return axis
    }
}
