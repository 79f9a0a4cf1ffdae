import Experiments

/// Where an early-stopped experiment ranks its runs: the rung epochs, and
/// for hyperband the bracket each run belongs to.
///
/// Rung k is ranked after `min_epochs · reduction^k` epochs (those below
/// `epochs`). Successive halving and the median rule rank every run at every
/// rung: one bracket, 0. Hyperband has brackets s = 0 … S, S the number of
/// rungs; bracket s ranks its runs at the last s rungs only, so bracket S is
/// successive halving from the first rung and bracket 0 trains its runs to
/// the end. Bracket s gets a share ⌈(S + 1) · reduction^s / (s + 1)⌉ of the
/// runs (Li et al., 2018), and a run's bracket follows from its config hash
/// alone: the same on every machine, in every process, whatever other runs
/// the experiment has.
///
/// ```swift
/// let layout = SearchLayout(earlyStop: stop, epochs: 27)
/// layout.rungEpochs                        // [1, 3, 9]
/// layout.firstRung(ofBracket: 0)           // 0
/// ```
struct SearchLayout: Sendable {
    let earlyStop: EarlyStop
    /// The most any run trains.
    let epochs: Int
    let rungEpochs: [Int]
    /// Each bracket's share of the runs, by bracket; one entry unless hyperband.
    let bracketShares: [UInt64]

    init(earlyStop: EarlyStop, epochs: Int) {
        self.earlyStop = earlyStop
        self.epochs = epochs
        rungEpochs = earlyStop.rungEpochs(epochs: epochs)
        guard earlyStop.method == .hyperband else {
            bracketShares = [1]
            return
        }
        let top = rungEpochs.count
        var power: UInt64 = 1
        bracketShares = (0 ... top).map { s in
            defer { power *= UInt64(earlyStop.reduction) }
            let numerator = UInt64(top + 1) * power
            let denominator = UInt64(s + 1)
            return (numerator + denominator - 1) / denominator
        }
    }

    /// The bracket of the run with this config hash (hex SHA-256): its first
    /// 16 hex digits, modulo the total share, fall in one bracket's share.
    func bracket(ofConfigHash configHash: String) -> Int {
        guard bracketShares.count > 1 else { return 0 }
        let total = bracketShares.reduce(0, +)
        var point = (UInt64(configHash.prefix(16), radix: 16) ?? 0) % total
        for (bracket, share) in bracketShares.enumerated() {
            if point < share { return bracket }
            point -= share
        }
        return bracketShares.count - 1
    }

    /// The first rung a bracket's runs are ranked at; `rungEpochs.count`
    /// when they are never ranked.
    func firstRung(ofBracket bracket: Int) -> Int {
        earlyStop.method == .hyperband ? rungEpochs.count - bracket : 0
    }
}
