import Results

/// A per-epoch measurement a learning curve can show.
extension EpochMetric: QueryChoice {
    static let fallback = EpochMetric.validationAccuracy
    static let what = "metric"

    var label: String {
        switch self {
        case .validationAccuracy: "validation accuracy"
        case .testAccuracy: "test accuracy"
        case .validationCost: "validation cost"
        case .testCost: "test cost"
        case .trainCost: "training cost"
        }
    }
}

/// A per-run outcome a configuration's seeds are summarised by.
enum OutcomeMetric: String, QueryChoice {
    static let fallback = OutcomeMetric.testAccuracyAtBestValidation
    static let what = "metric"

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

}

/// What a curve's band spans at each epoch.
enum BandKind: String, QueryChoice {
    static let fallback = BandKind.sd
    static let what = "band"

    /// The mean ± one sample standard deviation.
    case sd
    /// The lowest to the highest seed.
    case minmax
    case none

}

/// A learning curve's x axis.
enum CurveAxis: String, QueryChoice {
    static let fallback = CurveAxis.epoch
    static let what = "x axis"

    case epoch
    /// Wall-clock seconds since the run started training.
    case seconds

}

/// A choice a request makes by a query parameter, among named values.
protocol QueryChoice: RawRepresentable<String>, CaseIterable, Sendable {
    /// The value when the request names none.
    static var fallback: Self { get }
    /// What the choice is, for the error: `metric`, `band`.
    static var what: String { get }
}

extension QueryChoice {
    /// The value named, the fallback for nil, or a 400 listing the names.
    static func parse(_ text: String?) throws -> Self {
        guard let text else { return fallback }
        guard let value = Self(rawValue: text) else {
            throw DashboardFailure(400, "unknown \(what) \(text); one of \(allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return value
    }
}
