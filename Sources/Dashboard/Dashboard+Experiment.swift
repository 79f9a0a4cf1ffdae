import Foundation
import Results

// One experiment: its configurations with their statistics over seeds,
// their learning curves, and a metric against one setting.
extension Dashboard {
    struct ConfigurationItem: Encodable {
        var key: String
        var experiment: String
        var label: String
        /// The settings that vary in its experiment, as text, by column name.
        var settings: [String: String]
        var nSeeds: Int
        var runs: [RunItem]
        /// By outcome; each absent until a run is done.
        var statistics: OutcomeStatistics
        var chosenOnValidation: Bool

        enum CodingKeys: String, CodingKey {
            case key, experiment, label, settings, nSeeds = "n_seeds", runs, statistics
            case chosenOnValidation = "chosen_on_validation"
        }
    }

    struct RunItem: Encodable {
        var id: Int64
        var seed: UInt64
        var status: String
    }

    /// A struct, not a dictionary by outcome: JSONEncoder writes a
    /// dictionary several times slower, which shows at 2,500 configurations.
    struct OutcomeStatistics: Encodable {
        var testAccuracyAtBestValidation: StatisticsItem?
        var bestValidationAccuracy: StatisticsItem?
        var bestAccuracy: StatisticsItem?
        var finalAccuracy: StatisticsItem?

        enum CodingKeys: String, CodingKey {
            case testAccuracyAtBestValidation = "test_accuracy_at_best_validation"
            case bestValidationAccuracy = "best_validation_accuracy", bestAccuracy = "best_accuracy"
            case finalAccuracy = "final_accuracy"
        }
    }

    struct StatisticsItem: Encodable {
        var mean: Double?
        var sd: Double?
        var min: Double?
        var max: Double?
    }

    struct ExperimentDetail: Encodable {
        var name: String
        var description: String?
        var createdAt: String?
        var counts: [String: Int]
        /// The settings whose values differ between configurations: the grid.
        var varying: [String]
        /// The settings every configuration shares, as text, by column name.
        var constants: [String: String]
        var configurations: [ConfigurationItem]
        /// Absent unless early stopping has ranked some of its runs.
        var decisions: EarlyStoppingItem?

        enum CodingKeys: String, CodingKey {
            case name, description, createdAt = "created_at", counts, varying, constants, configurations, decisions
        }
    }

    func experiment(named name: String) throws -> DashboardResponse {
        guard let overview = try experiments().first(where: { $0.name == name }) else {
            throw DashboardFailure(404, "no experiment named \(name)")
        }
        let configurations = try configurations(of: name)
        let varying = Configuration.varyingSettings(of: configurations)
        return .json(ExperimentDetail(
            name: name, description: overview.description, createdAt: overview.createdAt,
            counts: Dictionary(uniqueKeysWithValues: overview.counts.map { ($0.key.rawValue, $0.value) }),
            varying: varying,
            constants: Dictionary(uniqueKeysWithValues: (configurations.first?.settings ?? [])
                .filter { !varying.contains($0.name) }.map { ($0.name, $0.text) }),
            configurations: configurations.map { item(for: $0, varying: varying) },
            decisions: try earlyStopping(of: name, configurations: configurations, varying: varying)))
    }

    func item(for configuration: Configuration, varying: [String]) -> ConfigurationItem {
        func item(_ metric: OutcomeMetric) -> StatisticsItem? {
            guard let summary = configuration.summary else { return nil }
            let values = metric.statistics(of: summary)
            guard values.mean != nil else { return nil }
            return StatisticsItem(mean: values.mean, sd: values.standardDeviation, min: values.minimum, max: values.maximum)
        }
        let statistics = OutcomeStatistics(
            testAccuracyAtBestValidation: item(.testAccuracyAtBestValidation),
            bestValidationAccuracy: item(.bestValidationAccuracy), bestAccuracy: item(.bestAccuracy),
            finalAccuracy: item(.finalAccuracy))
        return ConfigurationItem(
            key: configuration.key, experiment: configuration.experiment, label: configuration.label(varying: varying),
            settings: Dictionary(uniqueKeysWithValues: configuration.settings.filter { varying.contains($0.name) }.map { ($0.name, $0.text) }),
            nSeeds: configuration.summary?.seedCount ?? 0,
            runs: configuration.runs.map { RunItem(id: $0.id, seed: $0.seed, status: $0.status.rawValue) },
            statistics: statistics, chosenOnValidation: configuration.summary?.isChosenOnValidation ?? false)
    }

    func experimentCurves(named name: String, _ request: DashboardRequest) throws -> DashboardResponse {
        let options = try Curves.Options(request)
        var configurations = try configurations(of: name)
        let varying = Configuration.varyingSettings(of: configurations)
        if let keys = request.parameter("keys") {
            let wanted = Set(keys.split(separator: ",").map(String.init))
            configurations = configurations.filter { wanted.contains($0.key) }
        }
        let chart = try curveChart(
            title: "\(name): \(options.metric.label)", configurations: configurations,
            label: { $0.label(varying: varying) }, options: options)
        return .svg(chart.svg())
    }

    /// One line per configuration, from one read of all their runs' epochs.
    func curveChart(
        title: String, configurations: [Configuration], label: (Configuration) -> String, options: Curves.Options
    ) throws -> LineChart {
        let series = try results.epochSeries(runIDs: configurations.flatMap { $0.runs.map(\.id) }, metric: options.metric)
        let lines = configurations.map { configuration in
            Curves.line(
                label: label(configuration), key: configuration.key,
                seeds: configuration.runs.compactMap { series[$0.id] }, options: options)
        }
        return LineChart(
            title: title, xLabel: options.axis == .epoch ? "epoch" : "seconds", yLabel: options.metric.label,
            lines: lines)
    }

    func metricBySetting(named name: String, _ request: DashboardRequest) throws -> DashboardResponse {
        let metric = try OutcomeMetric.parse(request.parameter("metric"))
        let band = try BandKind.parse(request.parameter("band"))
        let configurations = try configurations(of: name)
        let varying = Configuration.varyingSettings(of: configurations)
        let setting = request.parameter("setting") ?? varying.first ?? "eta"
        guard let index = configurations.first?.settings.firstIndex(where: { $0.name == setting }) else {
            throw DashboardFailure(400, "unknown setting \(setting)")
        }
        guard configurations.allSatisfy({ $0.settings[index].number != nil }) else {
            throw DashboardFailure(400, "setting \(setting) is not a number in every configuration")
        }
        // One series per combination of the other varying settings.
        let others = varying.filter { $0 != setting }
        var series: [ErrorBarSeries] = []
        var seriesIndex: [String: Int] = [:]
        for configuration in configurations {
            guard let summary = configuration.summary else { continue }
            let values = metric.statistics(of: summary)
            guard let mean = values.mean else { continue }
            let (low, high) = band == .minmax
                ? (values.minimum ?? mean, values.maximum ?? mean)
                : (mean - (values.standardDeviation ?? 0), mean + (values.standardDeviation ?? 0))
            let label = configuration.label(varying: others)
            if seriesIndex[label] == nil {
                seriesIndex[label] = series.count
                series.append(ErrorBarSeries(label: others.isEmpty ? name : label, key: Configuration.key(of: configuration.settings.filter { others.contains($0.name) }), points: []))
            }
            let x = configuration.settings[index].number!
            series[seriesIndex[label]!].points.append(ErrorBarPoint(x: x, mean: mean, low: low, high: high))
        }
        for index in series.indices { series[index].points.sort { $0.x < $1.x } }
        let logarithmic = request.parameter("scale").map { $0 == "log" }
            ?? (setting == "eta" && configurations.allSatisfy { $0.settings[index].number! > 0 })
        let chart = ErrorBarChart(
            title: "\(name): \(metric.label) by \(setting)", xLabel: setting, yLabel: metric.label,
            xScale: logarithmic ? .logarithmic : .linear, series: series)
        return .svg(chart.svg())
    }
}
