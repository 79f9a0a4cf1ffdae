extension Decision {
    /// Why the run went on or stopped, in words, for `runner show` and the
    /// dashboard:
    ///
    /// ```text
    /// rank 7 of 9 at rung 1 (3 epochs): validation accuracy 0.9121 below the threshold 0.9310
    /// rank 2 of 9 at rung 0 (1 epoch): validation accuracy 0.9412, not below the threshold 0.9310
    /// ```
    ///
    /// A cost is better lower, so a pruned run's cost is above its threshold.
    /// A run pruned with the threshold's own value lost the tie on its config hash.
    public var reason: String {
        let higherIsBetter = !metric.hasSuffix("_cost")
        let name = metric.replacingOccurrences(of: "_", with: " ")
        let place = "rank \(rank) of \(rungSize) at rung \(rung) (\(epoch) epoch\(epoch == 1 ? "" : "s"))"
        let value = Self.format(self.value)
        let threshold = Self.format(self.threshold)
        let worse = higherIsBetter ? "below" : "above"
        switch verdict {
        case .promote:
            return "\(place): \(name) \(value), not \(worse) the threshold \(threshold)"
        case .prune where self.value == self.threshold:
            return "\(place): \(name) \(value), tied with the threshold and ranked after it on config hash"
        case .prune:
            return "\(place): \(name) \(value) \(worse) the threshold \(threshold)"
        }
    }

    private static func format(_ value: Double) -> String {
        value.isFinite ? String(format: "%.4f", value) : (value < 0 ? "-inf" : "inf")
    }
}
