import Experiments
import Results

/// One rung's decisions, computed from its runs' metric at the rung's epoch
/// alone, in a canonical order, so that they never depend on which run
/// arrived first, on `--jobs` or on interruptions.
///
/// Runs are ranked best first, ties broken by config hash. Successive
/// halving (and each hyperband bracket) promotes the best ⌊n / reduction⌋,
/// at least one; the threshold is the metric of the last one promoted. The
/// median rule promotes every run at least as good as the median of the
/// rung (the mean of the two middle values when n is even); the threshold is
/// that median.
///
/// ```swift
/// let decisions = RungRanking.decide(candidates, earlyStop: stop, bracket: 0, rung: 1, epoch: 3)
/// decisions.filter { $0.verdict == .promote }.count   // n / 3
/// ```
enum RungRanking {
    struct Candidate: Sendable {
        let runID: Int64
        let configHash: String
        /// The metric after the rung's epoch; NaN ranks last.
        let value: Double
    }

    static func decide(
        _ candidates: [Candidate], earlyStop: EarlyStop, bracket: Int, rung: Int, epoch: Int
    ) -> [Decision] {
        guard !candidates.isEmpty else { return [] }
        let higherIsBetter = earlyStop.metric.higherIsBetter
        // NaN (a cost that stopped being finite) is the worst value there is;
        // stored as an infinity, which SQLite keeps and NaN it does not.
        let worst = higherIsBetter ? -Double.infinity : Double.infinity
        let ranked = candidates.map { Candidate(runID: $0.runID, configHash: $0.configHash, value: $0.value.isNaN ? worst : $0.value) }
            .sorted { a, b in
                if a.value != b.value { return higherIsBetter ? a.value > b.value : a.value < b.value }
                return a.configHash < b.configHash
            }
        let promoted: (Int, Candidate) -> Bool
        let threshold: Double
        switch earlyStop.method {
        case .successiveHalving, .hyperband:
            let kept = max(1, ranked.count / earlyStop.reduction)
            threshold = ranked[kept - 1].value
            promoted = { rank, _ in rank <= kept }
        case .median:
            let middle = ranked.count / 2
            threshold = ranked.count % 2 == 1 ? ranked[middle].value : (ranked[middle - 1].value + ranked[middle].value) / 2
            promoted = { _, candidate in
                higherIsBetter ? candidate.value >= threshold : candidate.value <= threshold
            }
        }
        return ranked.enumerated().map { index, candidate in
            Decision(
                runID: candidate.runID, bracket: bracket, rung: rung, epoch: epoch, metric: earlyStop.metric.rawValue,
                value: candidate.value, threshold: threshold, rank: index + 1, rungSize: ranked.count,
                verdict: promoted(index + 1, candidate) ? .promote : .prune)
        }
    }
}
