import Backprop
import Datasets
import Experiments
import Foundation
import Results

// The one place where the sweep's types become the results database's.

extension RunRecord {
    /// A run as the database registers it: its identity, its configuration
    /// column by column, and the canonical JSON the identity hashes.
    public init(_ spec: RunSpec, configHash: String, paramsJSON: String) {
        let training = spec.training
        self.init(
            configHash: configHash, layers: training.layers, eta: training.eta, epochs: training.epochs,
            batchSize: training.batchSize, seed: training.seed, initialization: training.initialization.rawValue,
            dataset: spec.dataset, trainLimit: spec.trainLimit, testLimit: spec.testLimit, paramsJSON: paramsJSON,
            cost: training.cost.rawValue, l2: training.l2, momentum: training.momentum, patience: training.patience,
            etaHalving: training.etaHalving, validationLimit: spec.validationLimit)
    }
}

extension RunSpec {
    /// The run a stored record describes; nil when its initialisation or
    /// its cost names none this runner knows. A run stored before
    /// validation sets were recorded (no `validationLimit`) gets the
    /// default one, whose identity it has.
    public init?(_ record: RunRecord) {
        guard let initialization = Initialization(rawValue: record.initialization),
              let cost = CostFunction(rawValue: record.cost)
        else { return nil }
        self.init(
            dataset: record.dataset, trainLimit: record.trainLimit,
            validationLimit: record.validationLimit ?? Dataset.nielsenValidationLimit, testLimit: record.testLimit,
            training: TrainingConfiguration(
                layers: record.layers, eta: record.eta, epochs: record.epochs, batchSize: record.batchSize,
                initialization: initialization, seed: record.seed, cost: cost, l2: record.l2,
                momentum: record.momentum, patience: record.patience, etaHalving: record.etaHalving),
            search: RunSearch(canonicalJSON: record.paramsJSON))
    }
}

extension RunSearch {
    /// The `search` field of a run's canonical JSON (`params_json`), which
    /// only runs of early-stopped experiments have; no column holds it.
    init?(canonicalJSON json: String) {
        guard let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any],
              let search = object["search"] as? [String: Any],
              let experiment = search["experiment"] as? String,
              let method = (search["method"] as? String).flatMap(EarlyStop.Method.init(rawValue:)),
              let metric = (search["metric"] as? String).flatMap(EarlyStop.Metric.init(rawValue:)),
              let minEpochs = search["min_epochs"] as? Int, let reduction = search["reduction"] as? Int
        else { return nil }
        self.init(
            experiment: experiment,
            earlyStop: EarlyStop(method: method, metric: metric, minEpochs: minEpochs, reduction: reduction))
    }
}

extension EpochRecord {
    /// A trained epoch as the database records it.
    public init(_ report: EpochReport) {
        self.init(
            epoch: report.epoch, trainCost: report.trainCost, testCost: report.testCost,
            testAccuracy: report.testAccuracy, seconds: report.seconds, eta: report.eta,
            validationCost: report.validationCost, validationAccuracy: report.validationAccuracy)
    }
}
