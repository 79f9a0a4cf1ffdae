import Foundation
import Results

/// One configuration of an experiment: its runs, one per seed, and the
/// settings they share. Grouped as the `config_summary` view groups, so the
/// statistics of its summary belong to exactly these runs.
struct Configuration: Sendable {
    /// Names the configuration within its experiment, in URLs: stable
    /// whatever other configurations the experiment gains or loses.
    var key: String
    var experiment: String
    /// The settings shared by the runs, by the names of the results' columns.
    var settings: [Setting]
    var runs: [RunSettings]
    /// From `config_summary`: nil until a run is `done`.
    var summary: ConfigurationSummary?

    struct Setting: Sendable, Equatable {
        var name: String
        /// For sorting and axes: numbers as numbers.
        var number: Double?
        var text: String
    }

    /// The experiment's configurations in the order of their first runs.
    static func all(of experiment: String, in reader: any ResultsReader) throws -> [Configuration] {
        let runs = try reader.runSettings(experiment: experiment)
        let summaries = try reader.configurationSummaries(experiment: experiment)
        // Grouped by the raw values, and each group's settings and key made
        // once: text for 10,000 runs would cost more than reading them.
        var byGrouping: [Grouping: Int] = [:]
        var configurations: [Configuration] = []
        for run in runs {
            let grouping = Grouping(run)
            if let index = byGrouping[grouping] {
                configurations[index].runs.append(run)
            } else {
                byGrouping[grouping] = configurations.count
                let settings = grouping.settings
                configurations.append(Configuration(key: key(of: settings), experiment: experiment, settings: settings, runs: [run]))
            }
        }
        for summary in summaries {
            if let index = byGrouping[Grouping(summary)] {
                configurations[index].summary = summary
            }
        }
        return configurations
    }

    static func settings(of run: RunSettings) -> [Setting] {
        Grouping(run).settings
    }

    /// What `config_summary` groups runs by.
    private struct Grouping: Hashable {
        var layers: [Int]
        var eta: Double
        var epochs: Int
        var batchSize: Int
        var initialization: String
        var dataset: String
        var trainLimit: Int
        var testLimit: Int
        var hashVersion: Int?
        var cost: String
        var l2: Double
        var momentum: Double
        var patience: Int?
        var etaHalving: Int?
        var validationLimit: Int?

        init(_ run: RunSettings) {
            (layers, eta, epochs, batchSize, initialization, dataset) =
                (run.layers, run.eta, run.epochs, run.batchSize, run.initialization, run.dataset)
            (trainLimit, testLimit, hashVersion, cost, l2, momentum) =
                (run.trainLimit, run.testLimit, run.hashVersion, run.cost, run.l2, run.momentum)
            (patience, etaHalving, validationLimit) = (run.patience, run.etaHalving, run.validationLimit)
        }

        init(_ summary: ConfigurationSummary) {
            (layers, eta, epochs, batchSize, initialization, dataset) =
                (summary.layers, summary.eta, summary.epochs, summary.batchSize, summary.initialization, summary.dataset)
            (trainLimit, testLimit, hashVersion, cost, l2, momentum) =
                (summary.trainLimit, summary.testLimit, summary.hashVersion, summary.cost, summary.l2, summary.momentum)
            (patience, etaHalving, validationLimit) = (summary.patience, summary.etaHalving, summary.validationLimit)
        }

        /// By the results' column names; numbers print as Swift's shortest
        /// round-trip text, as everywhere else (`3.0`, `1e-05`).
        var settings: [Setting] {
            func count(_ name: String, _ value: Int?) -> Setting {
                Setting(name: name, number: value.map(Double.init), text: value.map(String.init) ?? "")
            }
            func real(_ name: String, _ value: Double) -> Setting {
                Setting(name: name, number: value, text: "\(value)")
            }
            let hidden = layers.dropFirst().dropLast()
            return [
                Setting(name: "layers", number: nil, text: RunRecord.layersText(layers)),
                Setting(name: "hidden", number: Double(hidden.reduce(0, +)), text: RunRecord.layersText(hidden)),
                real("eta", eta),
                count("epochs", epochs),
                count("batch_size", batchSize),
                Setting(name: "init", number: nil, text: initialization),
                Setting(name: "dataset", number: nil, text: dataset),
                count("train_size", trainLimit),
                count("test_size", testLimit),
                count("hash_version", hashVersion),
                Setting(name: "cost", number: nil, text: cost),
                real("l2", l2),
                real("momentum", momentum),
                count("patience", patience),
                count("eta_halving", etaHalving),
                count("validation_size", validationLimit),
            ]
        }
    }

    /// 16 hex digits of the settings' 64-bit FNV-1a hash: short enough for
    /// a URL, and a pure function of the settings, on every machine.
    static func key(of settings: [Setting]) -> String {
        let text = settings.map { "\($0.name)=\($0.text)" }.joined(separator: "\n")
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        return String(hash, radix: 16).leftPadded(to: 16)
    }

    /// The names of the settings whose values differ between these
    /// configurations: the experiment's grid, as far as its runs show it.
    /// `hidden` is left out where `layers` varies, since they say the same.
    static func varyingSettings(of configurations: [Configuration]) -> [String] {
        guard let first = configurations.first else { return [] }
        let varying = first.settings.indices.filter { index in
            configurations.contains { $0.settings[index].text != first.settings[index].text }
        }.map { first.settings[$0].name }
        return varying.contains("layers") ? varying.filter { $0 != "hidden" } : varying
    }

    /// `eta 0.5 · hidden 30`: the values of the settings that vary, or the
    /// experiment's name when none does.
    func label(varying: [String]) -> String {
        let parts = settings.filter { varying.contains($0.name) }.map { "\($0.name) \($0.text)" }
        return parts.isEmpty ? experiment : parts.joined(separator: " · ")
    }
}

extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
