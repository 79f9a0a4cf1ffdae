import Backprop
import Results

/// The epoch a run reports: the first with the highest validation accuracy,
/// or, for a run without a validation set, the first with the highest test
/// accuracy, which is chosen on the test set and so optimistic.
///
/// ```swift
/// var best: BestEpoch?
/// for report in outcome.epochs { best = BestEpoch.better(best, report) }
/// print(best?.testAccuracy ?? .nan, best?.isChosenOnValidation == true ? "" : "(chosen on the test set)")
/// ```
public struct BestEpoch: Sendable, Equatable {
    /// 1-based.
    public let epoch: Int
    /// The test accuracy in `epoch`: the number to report.
    public let testAccuracy: Double
    /// The validation accuracy that chose `epoch`; nil when the run has no
    /// validation set and the test accuracy chose it.
    public let validationAccuracy: Double?

    public init(epoch: Int, testAccuracy: Double, validationAccuracy: Double?) {
        self.epoch = epoch
        self.testAccuracy = testAccuracy
        self.validationAccuracy = validationAccuracy
    }

    public var isChosenOnValidation: Bool { validationAccuracy != nil }

    /// `best` after one more epoch: `report` when it beats it (a tie keeps
    /// the earlier epoch), on the accuracy that chooses.
    public static func better(_ best: BestEpoch?, _ report: EpochReport) -> BestEpoch {
        better(best, BestEpoch(
            epoch: report.epoch, testAccuracy: report.testAccuracy, validationAccuracy: report.validationAccuracy))
    }

    /// `best` after an epoch recorded earlier, as a continued run counts the
    /// epochs it trained before it was interrupted.
    ///
    /// ```swift
    /// var best: BestEpoch?
    /// for epoch in try store.epochs(runID: runID) { best = BestEpoch.better(best, epoch) }
    /// ```
    public static func better(_ best: BestEpoch?, _ record: EpochRecord) -> BestEpoch {
        better(best, BestEpoch(
            epoch: record.epoch, testAccuracy: record.testAccuracy, validationAccuracy: record.validationAccuracy))
    }

    private static func better(_ best: BestEpoch?, _ candidate: BestEpoch) -> BestEpoch {
        guard let best else { return candidate }
        let beats = if let validation = candidate.validationAccuracy {
            validation > best.validationAccuracy ?? -.infinity
        } else {
            candidate.testAccuracy > best.testAccuracy
        }
        return beats ? candidate : best
    }
}
