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

    /// Why the plan cannot be split into shard databases (`--shard`, Slurm
    /// arrays), or nil when it can: early stopping ranks all of a rung's runs
    /// together, and shards' separate databases cannot share a rung.
    public var shardingRefusal: String? {
        guard experiment.earlyStop != nil else { return nil }
        return "\(experiment.path): early_stop ranks all of a rung's runs together, which separate shard databases "
            + "cannot do; run it as one sweep: runner sweep \(experiment.path) --jobs N"
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
}
