import Backprop
import Datasets
import Experiments
import Results

/// A stored run retrained and compared with what the database holds, epoch
/// by epoch, bit for bit: whether its numbers come from its configuration.
///
/// ```swift
/// let verdict = try RunVerification.verify(run, stored: try store.epochs(runID: run.id))
/// if case .reproduced(let epochs) = verdict { print("\(epochs) epochs identical") }
/// ```
public enum RunVerification: Sendable, Equatable {
    /// Every stored epoch came out the same.
    case reproduced(epochs: Int)
    /// Retrained to other numbers, or its configuration or dataset no longer
    /// hash to its identity.
    case differs(Difference)
    /// Trained by another hash version, whose bits this arithmetic cannot
    /// give (`version` against this `current` one): not retrained.
    case otherArithmetic(version: Int, current: Int)

    public enum Difference: Sendable, Equatable {
        /// The stored initialisation names no scheme this runner knows.
        case unknownInitialization(String)
        /// The stored cost names none this runner knows.
        case unknownCost(String)
        /// The configuration and the dataset on disk hash to another identity.
        case identity(datasetChecksum: String, storedChecksum: String?)
        /// The first field of the first epoch that differs.
        case epoch(Int, field: String, stored: Double, retrained: Double)
        /// Retraining went past the stored epochs.
        case extraEpoch(Int, storedEpochs: Int)
        /// Retraining ended after another number of epochs.
        case epochCount(retrained: Int, status: TrainingStatus, stored: Int)
    }

    /// Retrains `run` (unless it is of another hash version) and compares it with `stored`;
    /// its dataset, a built-in name, is looked for from `anchors` (see `DatasetRegistry`).
    ///
    /// - Throws: `DatasetError` when its dataset cannot be found or loaded.
    public static func verify(
        _ run: StoredRun, stored: [EpochRecord], anchors: DatasetAnchors = DatasetAnchors()
    ) throws -> RunVerification {
        let current = RunSpec.hashVersion
        // Checked first, before the dataset is loaded: the identity check
        // would call such a run another configuration, and no retraining by
        // this arithmetic could match its numbers.
        if let version = run.hashVersion, version != current {
            return .otherArithmetic(version: version, current: current)
        }
        let record = run.record
        guard let spec = RunSpec(record) else {
            if Initialization(rawValue: record.initialization) == nil {
                return .differs(.unknownInitialization(record.initialization))
            }
            return .differs(.unknownCost(record.cost))
        }
        let dataset = try DatasetCache.shared.dataset(named: record.dataset, from: anchors)
        guard spec.configHash(datasetChecksum: dataset.checksum) == record.configHash else {
            return .differs(.identity(datasetChecksum: dataset.checksum, storedChecksum: run.datasetChecksum))
        }
        // A run stored before validation sets were recorded evaluated none,
        // and without patience or η halving none steered its training.
        let split = try dataset.split(
            trainLimit: record.trainLimit, validationLimit: record.validationLimit == nil ? 0 : spec.validationLimit,
            testLimit: record.testLimit)

        var difference: Difference?
        let trainer = try Trainer(
            configuration: spec.training, train: split.train, validation: split.validation, test: split.test)
        // Early stopping ended a pruned run at its rung: it is retrained that far.
        let pruned = run.status == .pruned
        let outcome = trainer.run { report in
            if pruned, report.epoch == stored.count {
                difference = firstDifference(stored[report.epoch - 1], report)
                return .stop
            }
            guard report.epoch <= stored.count else {
                difference = .extraEpoch(report.epoch, storedEpochs: stored.count)
                return .stop
            }
            difference = firstDifference(stored[report.epoch - 1], report)
            return difference == nil ? .proceed : .stop
        }
        if let difference { return .differs(difference) }
        if outcome.epochs.count != stored.count {
            return .differs(.epochCount(retrained: outcome.epochs.count, status: outcome.status, stored: stored.count))
        }
        return .reproduced(epochs: stored.count)
    }

    /// Bitwise comparison; a NaN (stored as NULL) matches any NaN, and a
    /// missing validation number (no validation set) reads as NaN. An epoch
    /// stored before η was recorded has none to compare.
    static func firstDifference(_ stored: EpochRecord, _ retrained: EpochReport) -> Difference? {
        var fields: [(String, Double?, Double?)] = []
        if let eta = stored.eta { fields.append(("eta", eta, retrained.eta)) }
        fields += [
            ("train_cost", stored.trainCost, retrained.trainCost),
            ("test_cost", stored.testCost, retrained.testCost),
            ("test_accuracy", stored.testAccuracy, retrained.testAccuracy),
            ("validation_cost", stored.validationCost, retrained.validationCost),
            ("validation_accuracy", stored.validationAccuracy, retrained.validationAccuracy),
        ]
        for (name, old, new) in fields {
            let (old, new) = (old ?? .nan, new ?? .nan)
            if old.bitPattern != new.bitPattern && !(old.isNaN && new.isNaN) {
                return .epoch(retrained.epoch, field: name, stored: old, retrained: new)
            }
        }
        return nil
    }
}
