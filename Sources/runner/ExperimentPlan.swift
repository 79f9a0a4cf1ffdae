import Backprop
import Datasets
import Experiments
import Results

/// An experiment file resolved against its data set: every run with its
/// identity, ready to register and train.
struct ExperimentPlan {
    let experiment: Experiment
    let dataset: Dataset
    let runs: [PlannedRun]

    /// Validates the file (exit code 2 on any problem), loads its data set
    /// once and hashes every run's configuration with the data's checksum.
    static func load(path: String) throws -> ExperimentPlan {
        let experiment = try Experiment.load(path: path) { name in
            try DatasetRegistry.resolve(name).map(Dataset.shape(directory:))
        }
        guard let directory = DatasetRegistry.resolve(experiment.dataset) else {
            throw RunnerFailure.input("\(path): data set '\(experiment.dataset)' not found")
        }
        let dataset = try DatasetCache.shared.dataset(directory: directory, name: experiment.dataset)
        let runs = experiment.runs.enumerated().map { index, spec in
            PlannedRun(index: index, spec: spec, datasetChecksum: dataset.checksum)
        }
        return ExperimentPlan(experiment: experiment, dataset: dataset, runs: runs)
    }

    var record: ExperimentRecord {
        ExperimentRecord(
            name: experiment.name, description: experiment.description,
            specYAML: experiment.source, specSHA256: experiment.sourceSHA256)
    }
}

/// One run of a plan: its specification and its identity in the database.
struct PlannedRun: Sendable {
    let index: Int
    let spec: RunSpec
    let configHash: String
    let record: RunRecord

    init(index: Int, spec: RunSpec, datasetChecksum: String) {
        self.index = index
        self.spec = spec
        configHash = spec.configHash(datasetChecksum: datasetChecksum)
        let training = spec.training
        record = RunRecord(
            configHash: configHash, layers: training.layers, eta: training.eta, epochs: training.epochs,
            batchSize: training.batchSize, seed: training.seed, initialization: training.initialization.rawValue,
            dataset: spec.dataset, trainLimit: spec.trainLimit, testLimit: spec.testLimit,
            paramsJSON: spec.canonicalJSON(datasetChecksum: datasetChecksum))
    }

    /// `784-30-10 eta=3 batch=10 seed=1`, naming only what varies in the experiment.
    func label(varying keys: [GridKey]) -> String {
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
            }
        }
        parts.append("seed=\(training.seed)")
        return parts.joined(separator: " ")
    }
}

/// `3` for 3.0, `0.025` for 0.025: the shortest text that reads back the same.
func formatNumber(_ value: Double) -> String {
    value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : "\(value)"
}
