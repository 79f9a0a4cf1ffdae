import Backprop
import Datasets
import Foundation
import Results

/// The trainer a claimed run continues with: from its checkpoint when it
/// has one that fits its recorded epochs and its configuration, else from
/// the start, its epochs deleted.
///
/// ```swift
/// let resumption = try RunResumption(run: run, runID: runID, split: split, store: store)
/// var best: BestEpoch?
/// for epoch in resumption.stored { best = BestEpoch.better(best, epoch) }
/// _ = try resumption.trainer.run { report in … }
/// ```
struct RunResumption {
    let trainer: Trainer
    /// The epochs recorded before: those the trainer continues after.
    let stored: [EpochRecord]
    /// Why the run's checkpoint was not used; nil when it was, or when there
    /// was none.
    let restartReason: String?

    /// - Throws: ``ResultsError`` when the store fails; `TrainingError` when
    ///   the configuration cannot be trained at all.
    init(run: PlannedRun, runID: Int64, split: DataSplit, store: any ResultsWriter) throws {
        func fresh() throws -> Trainer {
            try Trainer(configuration: run.spec.training, train: split.train, validation: split.validation, test: split.test)
        }
        guard let saved = try store.checkpoint(runID: runID) else {
            (trainer, stored, restartReason) = (try fresh(), [], nil)
            return
        }
        let reason: String
        do {
            let checkpoint = try TrainingCheckpoint(decoding: saved.state)
            let epochs = try store.epochs(runID: runID)
            // The claim keeps the epochs up to the checkpoint; anything else
            // is a store that does not hold what it should.
            if checkpoint.epoch == saved.epoch, epochs.map(\.epoch) == Array(0 ..< max(saved.epoch, 0)).map({ $0 + 1 }) {
                let resumed = try Trainer(
                    configuration: run.spec.training, train: split.train, validation: split.validation,
                    test: split.test, resumingFrom: checkpoint)
                (trainer, stored, restartReason) = (resumed, epochs, nil)
                return
            }
            reason = "checkpoint: after epoch \(checkpoint.epoch), but the run has \(epochs.count) epochs recorded"
        } catch let error as TrainingError {
            reason = error.message
        }
        try store.discardProgress(runID: runID)
        (trainer, stored, restartReason) = (try fresh(), [], reason)
    }
}
