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
        var byKey: [String: Int] = [:]
        var configurations: [Configuration] = []
        for run in runs {
            let settings = settings(of: run)
            let key = key(of: settings)
            if let index = byKey[key] {
                configurations[index].runs.append(run)
            } else {
                byKey[key] = configurations.count
                configurations.append(Configuration(key: key, experiment: experiment, settings: settings, runs: [run]))
            }
        }
        for summary in summaries {
            if let index = byKey[key(of: settings(of: summary))] {
                configurations[index].summary = summary
            }
        }
        return configurations
    }

    static func settings(of run: RunSettings) -> [Setting] {
        settings(
            layers: run.layers, eta: run.eta, epochs: run.epochs, batchSize: run.batchSize,
            initialization: run.initialization, dataset: run.dataset, trainLimit: run.trainLimit,
            testLimit: run.testLimit, hashVersion: run.hashVersion, cost: run.cost, l2: run.l2,
            momentum: run.momentum, patience: run.patience, etaHalving: run.etaHalving,
            validationLimit: run.validationLimit)
    }

    static func settings(of summary: ConfigurationSummary) -> [Setting] {
        settings(
            layers: summary.layers, eta: summary.eta, epochs: summary.epochs, batchSize: summary.batchSize,
            initialization: summary.initialization, dataset: summary.dataset, trainLimit: summary.trainLimit,
            testLimit: summary.testLimit, hashVersion: summary.hashVersion, cost: summary.cost, l2: summary.l2,
            momentum: summary.momentum, patience: summary.patience, etaHalving: summary.etaHalving,
            validationLimit: summary.validationLimit)
    }

    // swiftlint:disable:next function_parameter_count
    private static func settings(
        layers: [Int], eta: Double, epochs: Int, batchSize: Int, initialization: String, dataset: String,
        trainLimit: Int, testLimit: Int, hashVersion: Int?, cost: String, l2: Double, momentum: Double,
        patience: Int?, etaHalving: Int?, validationLimit: Int?
    ) -> [Setting] {
        func number(_ name: String, _ value: Double?) -> Setting {
            Setting(name: name, number: value, text: value.map { $0 == $0.rounded() && abs($0) < 1e15 ? String(Int($0)) : "\($0)" } ?? "")
        }
        let hidden = layers.dropFirst().dropLast()
        return [
            Setting(name: "layers", number: nil, text: RunRecord.layersText(layers)),
            Setting(name: "hidden", number: Double(hidden.reduce(0, +)), text: RunRecord.layersText(hidden)),
            Setting(name: "eta", number: eta, text: "\(eta)"),
            number("epochs", Double(epochs)),
            number("batch_size", Double(batchSize)),
            Setting(name: "init", number: nil, text: initialization),
            Setting(name: "dataset", number: nil, text: dataset),
            number("train_size", Double(trainLimit)),
            number("test_size", Double(testLimit)),
            number("hash_version", hashVersion.map(Double.init)),
            Setting(name: "cost", number: nil, text: cost),
            Setting(name: "l2", number: l2, text: "\(l2)"),
            Setting(name: "momentum", number: momentum, text: "\(momentum)"),
            number("patience", patience.map(Double.init)),
            number("eta_halving", etaHalving.map(Double.init)),
            number("validation_size", validationLimit.map(Double.init)),
        ]
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
    static func varyingSettings(of configurations: [Configuration]) -> [String] {
        guard let first = configurations.first else { return [] }
        return first.settings.indices.filter { index in
            configurations.contains { $0.settings[index].text != first.settings[index].text }
        }.map { first.settings[$0].name }
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
