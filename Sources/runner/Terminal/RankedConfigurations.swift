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
        let options = ConfigurationOption.allCases.filter { option in summaries.contains { !option.isDefault(in: $0) } }
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

    /// `0.9124 ± 0.0001`. A statistic with no value (the deviation of one
    /// seed) has always printed as zero.
    private func spread(_ statistics: AccuracyStatistics) -> String {
        "\(fixed(statistics.mean)) ± \(fixed(statistics.standardDeviation))"
    }

    private func fixed(_ value: Double?) -> String {
        String(format: "%.\(decimals)f", value ?? 0)
    }
}

/// The configuration beyond Nielsen's chapter 1, which reports show only
/// when some configuration departs from its default.
enum ConfigurationOption: String, CaseIterable {
    case cost, l2, momentum, patience
    case etaHalving = "eta_halving"
    case validationSize = "validation_size"

    func isDefault(in summary: ConfigurationSummary) -> Bool {
        switch self {
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
        case .cost: summary.cost
        case .l2: formatNumber(summary.l2)
        case .momentum: formatNumber(summary.momentum)
        case .patience: summary.patience.map(String.init) ?? "-"
        case .etaHalving: summary.etaHalving.map(String.init) ?? "-"
        case .validationSize: summary.validationLimit.map(String.init) ?? "-"
        }
    }
}
