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
        /// The configuration and the dataset on disk hash to another identity.
        case identity(datasetChecksum: String, storedChecksum: String?)
        /// The first field of the first epoch that differs.
        case epoch(Int, field: String, stored: Double, retrained: Double)
        /// Retraining went past the stored epochs.
        case extraEpoch(Int, storedEpochs: Int)
        /// Retraining ended after another number of epochs.
        case epochCount(retrained: Int, status: TrainingStatus, stored: Int)
    }

    /// Retrains `run` (unless it is of another hash version) and compares it with `stored`.
    ///
    /// - Throws: `DatasetError` when its dataset cannot be loaded.
    public static func verify(_ run: StoredRun, stored: [EpochRecord]) throws -> RunVerification {
        let current = RunSpec.hashVersion
        // Checked first, before the dataset is loaded: the identity check
        // would call such a run another configuration, and no retraining by
        // this arithmetic could match its numbers.
        if let version = run.hashVersion, version != current {
            return .otherArithmetic(version: version, current: current)
        }
        let record = run.record
        guard let spec = RunSpec(record) else {
            return .differs(.unknownInitialization(record.initialization))
        }
        let dataset = try DatasetCache.shared.dataset(named: record.dataset)
        guard spec.configHash(datasetChecksum: dataset.checksum) == record.configHash else {
            return .differs(.identity(datasetChecksum: dataset.checksum, storedChecksum: run.datasetChecksum))
        }
        let split = try dataset.split(trainLimit: record.trainLimit, testLimit: record.testLimit)
        let (train, test) = (split.train, split.test)

        var difference: Difference?
        let outcome = try Trainer(configuration: spec.training, train: train, test: test).run { report in
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

    /// Bitwise comparison; a NaN (stored as NULL) matches any NaN.
    static func firstDifference(_ stored: EpochRecord, _ retrained: EpochReport) -> Difference? {
        let fields: [(String, Double, Double)] = [
            ("train_cost", stored.trainCost, retrained.trainCost),
            ("test_cost", stored.testCost, retrained.testCost),
            ("test_accuracy", stored.testAccuracy, retrained.testAccuracy),
        ]
        for (name, old, new) in fields where old.bitPattern != new.bitPattern && !(old.isNaN && new.isNaN) {
            return .epoch(retrained.epoch, field: name, stored: old, retrained: new)
        }
        return nil
    }
}
