import Backprop
import Foundation
import Sweep

/// `runner train`'s line for one epoch: the mean cost on the test set, the
/// accuracy on the validation set (only with one) and on the test set, η
/// (only in an epoch whose η differs from the epoch before, after
/// `--eta-halving` lowered it) and the epoch's wall-clock time.
///
/// ```text
/// epoch 1/30  cost 0.0812  validation 0.9130  test 0.9123  1.1s
/// epoch 9/30  cost 0.0431  validation 0.9561  test 0.9540  eta 1.5  1.1s
/// ```
enum EpochLine {
    static func text(_ report: EpochReport, epochs: Int, previousEta: Double) -> String {
        var fields = [
            "epoch \(report.epoch)/\(epochs)",
            String(format: "cost %.4f", report.testCost),
        ]
        if let accuracy = report.validationAccuracy {
            fields.append(String(format: "validation %.4f", accuracy))
        }
        fields.append(String(format: "test %.4f", report.testAccuracy))
        if report.eta != previousEta {
            fields.append("eta \(report.eta)")
        }
        fields.append(String(format: "%.1fs", report.seconds))
        return fields.joined(separator: "  ")
    }
}
