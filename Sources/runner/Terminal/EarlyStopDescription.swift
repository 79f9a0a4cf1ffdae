import Experiments

/// What an experiment's early stopping will do, in one line for the dry run:
///
/// ```text
/// early stopping: successive_halving on validation_accuracy, ranking after epochs 1, 3, 9 of 27; runs 27 → 9 → 3 → 1
/// ```
struct EarlyStopDescription {
    let line: String

    init(_ earlyStop: EarlyStop, epochs: Int, runs: Int) {
        let rungs = earlyStop.rungEpochs(epochs: epochs)
        var line = "early stopping: \(earlyStop.method.rawValue) on \(earlyStop.metric.rawValue), "
        guard !rungs.isEmpty else {
            self.line = line + "no rung below \(epochs) epochs: every run trains to the end"
            return
        }
        line += "ranking after epochs \(rungs.map(String.init).joined(separator: ", ")) of \(epochs)"
        switch earlyStop.method {
        case .successiveHalving:
            var counts = [runs]
            for _ in rungs { counts.append(max(1, counts.last! / earlyStop.reduction)) }
            line += "; runs " + counts.map(String.init).joined(separator: " → ")
        case .hyperband:
            line += "; \(rungs.count + 1) brackets, each run's fixed by its identity"
        case .median:
            line += "; runs below the median of a rung stop there"
        }
        self.line = line
    }
}
