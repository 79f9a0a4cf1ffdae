import Datasets
import Experiments
import Results

/// An experiment file resolved against its dataset: every run with its
/// identity, ready to register and train.
///
/// ```swift
/// let plan = try SweepPlan.load(path: "experiments/eta.yaml")
/// plan.runs.count             // 18
/// plan.runs[0].configHash     // "3af8005c…"
/// ```
public struct SweepPlan: Sendable {
    public let experiment: Experiment
    public let dataset: Dataset
    public let runs: [PlannedRun]

    /// Validates the file with `overrides` applied, loads its dataset once
    /// per process and hashes every run's configuration with the data's
    /// checksum. A built-in dataset name is looked for from `anchors` and the
    /// file (see `DatasetRegistry`).
    ///
    /// - Throws: `ExperimentErrors` for a file that is not a valid experiment
    ///   (a dataset not found included), `DatasetError` for a dataset that
    ///   cannot be loaded.
    public static func load(
        path: String, overrides: [Override] = [], anchors: DatasetAnchors = DatasetAnchors()
    ) throws -> SweepPlan {
        let anchors = anchors.with(experimentFile: path)
        let experiment = try Experiment.load(path: path, overrides: overrides) { name in
            let directory: String
            do {
                directory = try DatasetRegistry.locate(name, from: anchors).directory
            } catch let error as DatasetError {
                // Reported at the `dataset` key after "cannot read dataset 'NAME': ".
                throw UnlocatedDataset(description: error.reason)
            }
            return try Dataset.shape(directory: directory)
        }
        let dataset = try DatasetCache.shared.dataset(named: experiment.dataset, from: anchors)
        let runs = experiment.runs.enumerated().map { index, spec in
            PlannedRun(index: index, spec: spec, datasetChecksum: dataset.checksum)
        }
        return SweepPlan(experiment: experiment, dataset: dataset, runs: runs)
    }

    /// The experiment as the results database registers it.
    public var record: ExperimentRecord {
        ExperimentRecord(
            name: experiment.name, description: experiment.description,
            specYAML: experiment.spec, specSHA256: experiment.specSHA256, sourcePath: experiment.path)
    }
}

/// A dataset name with no directory: `not found; looked in …`.
private struct UnlocatedDataset: Error, CustomStringConvertible {
    let description: String
}

/// One run of a plan: its specification and its identity in the database.
public struct PlannedRun: Sendable {
    /// The run's position in the experiment's expansion order.
    public let index: Int
    public let spec: RunSpec
    public let configHash: String
    public let record: RunRecord

    public init(index: Int, spec: RunSpec, datasetChecksum: String) {
        self.index = index
        self.spec = spec
        configHash = spec.configHash(datasetChecksum: datasetChecksum)
        record = RunRecord(spec, configHash: configHash, paramsJSON: spec.canonicalJSON(datasetChecksum: datasetChecksum))
    }

    /// `784-30-10 eta=3 batch=10 seed=1`, naming only what varies in the experiment.
    public func label(varying keys: [GridKey]) -> String {
        let training = spec.training
        var parts: [String] = []
        for key in keys {
            switch key {
            case .layers: parts.append(RunRecord.layersText(training.layers))
            case .eta: parts.append("eta=\(formatNumber(training.eta))")
            case .epochs: parts.append("epochs=\(training.epochs)")
            case .batch: parts.append("batch=\(training.batchSize)")
            case .initialization: parts.append("init=\(training.initialization.rawValue)")
            case .trainLimit: parts.append("train=\(spec.trainLimit)")
            case .validationLimit: parts.append("validation=\(spec.validationLimit)")
            case .cost: parts.append("cost=\(training.cost.rawValue)")
            case .l2: parts.append("l2=\(formatNumber(training.l2))")
            case .momentum: parts.append("momentum=\(formatNumber(training.momentum))")
            case .patience: parts.append("patience=\(training.patience.map(String.init) ?? "none")")
            case .etaHalving: parts.append("eta_halving=\(training.etaHalving.map(String.init) ?? "none")")
            }
        }
        parts.append("seed=\(training.seed)")
        return parts.joined(separator: " ")
    }
}

/// `3` for 3.0, `0.025` for 0.025: the shortest text that reads back the same.
public func formatNumber(_ value: Double) -> String {
    value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : "\(value)"
}
