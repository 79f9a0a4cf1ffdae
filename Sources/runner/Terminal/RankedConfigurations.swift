import Datasets
import Results
import Sweep

/// The best configurations of an experiment as the sweep's closing report
/// prints them: ranked by mean best validation accuracy and reported by the
/// test accuracy at each seed's best validation epoch, mean ± sd over
/// seeds. A configuration without a validation set shows its best test
/// accuracy instead, marked as chosen on the test set, since that number
/// is optimistic.
struct RankedConfigurations {
    let experiment: String
    /// As `ResultsReader.bestConfigurations` ranks them, rounded to `decimals`.
    let summaries: [ConfigurationSummary]
    let decimals: Int

    /// Marks a test accuracy chosen on the test set, among ones that were not.
    static let testChosenMark = "*"

    var lines: [String] {
        guard !summaries.isEmpty else { return [] }
        let validated = summaries.contains(where: \.isChosenOnValidation)
        let mixed = validated && summaries.contains { !$0.isChosenOnValidation }
        let heading = validated
            ? "best configurations of \(experiment), ranked by validation accuracy; "
                + "test accuracy at the best validation epoch (mean ± sd over seeds):"
            : "best configurations of \(experiment), ranked by best test accuracy, chosen on the test set "
                + "(optimistic: no validation set; mean ± sd over seeds):"
        let options = ConfigurationOption.allCases.filter { $0.isShown(among: summaries) }
        let accuracies = validated ? ["validation", "test"] : ["best_test"]
        let rows = summaries.map { summary in
            var row = [
                RunRecord.layersText(summary.layers), "\(summary.eta)", String(summary.epochs),
                String(summary.batchSize), summary.initialization,
            ]
            row += options.map { $0.text(in: summary) }
            row.append(String(summary.seedCount))
            if validated {
                row.append(summary.isChosenOnValidation ? spread(summary.bestValidationAccuracy) : "-")
            }
            let mark = mixed && !summary.isChosenOnValidation ? Self.testChosenMark : ""
            row.append(spread(summary.reportedTestAccuracy) + mark)
            row.append(fixed(summary.finalAccuracy.mean))
            return row
        }
        let columns = ["layers", "eta", "epochs", "batch", "init"] + options.map(\.rawValue) + ["seeds"]
            + accuracies + ["final"]
        var lines = [heading] + TextTable(columns: columns, rows: rows).render().components(separatedBy: "\n")
        if mixed {
            lines.append("\(Self.testChosenMark) no validation set: the best test accuracy, "
                + "chosen on the test set (optimistic), ranked last")
        }
        return lines
    }

    /// `0.9124 ± 0.0001`; `0.9500 ± -` for one seed, which has no
    /// deviation (NULL in the views), rather than a deviation of zero.
    private func spread(_ statistics: AccuracyStatistics) -> String {
        "\(fixed(statistics.mean)) ± \(statistics.standardDeviation.map { fixed($0) } ?? "-")"
    }

    private func fixed(_ value: Double?) -> String {
        String(format: "%.\(decimals)f", value ?? 0)
    }
}

/// The configuration beyond the columns every report shows (layers, η,
/// epochs, batch, initialisation): the data a configuration trained and
/// tested on, shown when it differs between the configurations listed (a
/// grid over `train_limit`), and the chapter-3 options and the validation
/// set, shown when some configuration departs from their defaults.
enum ConfigurationOption: String, CaseIterable {
    case dataset
    case trainSize = "train_size"
    case testSize = "test_size"
    case cost, l2, momentum, patience
    case etaHalving = "eta_halving"
    case validationSize = "validation_size"

    func isShown(among summaries: [ConfigurationSummary]) -> Bool {
        switch self {
        case .dataset, .trainSize, .testSize: Set(summaries.map(text)).count > 1
        default: summaries.contains { !isDefault(in: $0) }
        }
    }

    private func isDefault(in summary: ConfigurationSummary) -> Bool {
        switch self {
        case .dataset, .trainSize, .testSize: true
        case .cost: summary.cost == "quadratic"
        case .l2: summary.l2 == 0
        case .momentum: summary.momentum == 0
        case .patience: summary.patience == nil
        case .etaHalving: summary.etaHalving == nil
        case .validationSize: summary.validationLimit == Dataset.nielsenValidationLimit
        }
    }

    /// `-` for none.
    func text(in summary: ConfigurationSummary) -> String {
        switch self {
        case .dataset: summary.dataset
        case .trainSize: String(summary.trainLimit)
        case .testSize: String(summary.testLimit)
        case .cost: summary.cost
        case .l2: String(summary.l2)
        case .momentum: String(summary.momentum)
        case .patience: summary.patience.map(String.init) ?? "-"
        case .etaHalving: summary.etaHalving.map(String.init) ?? "-"
        case .validationSize: summary.validationLimit.map(String.init) ?? "-"
        }
    }
}
