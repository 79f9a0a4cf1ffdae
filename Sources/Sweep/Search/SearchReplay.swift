import Experiments
import Results

/// What one run of an early-stopped experiment has: enough to rank it.
struct SearchRun: Sendable {
    let run: PlannedRun
    let bracket: Int
    var runID: Int64?
    var status: RunStatus
    /// The metric after each recorded epoch, by epoch. Kept when the run
    /// trains again from the start (the values come back the same), dropped
    /// past the epoch a run is pruned at, as the store drops them.
    var values: [Int: Double] = [:]

    func reached(_ epoch: Int) -> Bool { values[epoch] != nil }

    /// Ended by itself: selection on the validation set stopped it, it
    /// failed or it diverged. Such a run is not ranked at rungs it did not reach.
    var endedByItself: Bool { status == .done || status == .failed || status == .diverged }
}

/// An early-stopped experiment's state, derived from its runs' recorded
/// epochs alone: every rung whose runs have all reached it (or ended before
/// it) is decided, in order, so that the decisions, and with them the
/// epochs each run trains, are a function of the runs' numbers, never of
/// the order they arrived in. A sweep replays it at its start and whenever
/// a run reaches a rung or ends; a grown experiment replays to the state a
/// sweep of the grown file from scratch reaches.
///
/// ```swift
/// let state = SearchReplay(layout: layout, runs: runs)
/// state.targets[run.configHash]   // 3: train it to epoch 3, then it waits for rung 1
/// ```
struct SearchReplay: Sendable {
    /// Every decided rung's decisions, by bracket, then rung, then rank.
    private(set) var decisions: [Decision] = []
    /// The runs pruned, by run id, with the epoch they stop at.
    private(set) var pruned: [Int64: Int] = [:]
    /// The epoch each run with work left trains to, by config hash.
    private(set) var targets: [String: Int] = [:]

    init(layout: SearchLayout, runs: [SearchRun]) {
        let brackets = Dictionary(grouping: runs, by: \.bracket)
        for bracket in brackets.keys.sorted() {
            replay(bracket: bracket, members: brackets[bracket] ?? [], layout: layout)
        }
    }

    private mutating func replay(bracket: Int, members: [SearchRun], layout: SearchLayout) {
        var members = members
        for rung in layout.firstRung(ofBracket: bracket) ..< layout.rungEpochs.count {
            let epoch = layout.rungEpochs[rung]
            var candidates: [RungRanking.Candidate] = []
            var behind: [SearchRun] = []
            for member in members {
                if let value = member.values[epoch], let runID = member.runID {
                    candidates.append(.init(runID: runID, configHash: member.run.configHash, value: value))
                } else if !member.endedByItself {
                    behind.append(member)
                }
            }
            guard behind.isEmpty else {
                for member in behind { targets[member.run.configHash] = epoch }
                return
            }
            let rungDecisions = RungRanking.decide(
                candidates, earlyStop: layout.earlyStop, bracket: bracket, rung: rung, epoch: epoch)
            decisions += rungDecisions
            let promoted = Set(rungDecisions.filter { $0.verdict == .promote }.map(\.runID))
            for decision in rungDecisions where decision.verdict == .prune { pruned[decision.runID] = epoch }
            members = members.filter { $0.runID.map(promoted.contains) ?? false }
        }
        for member in members where !member.endedByItself && !member.reached(layout.epochs) {
            targets[member.run.configHash] = layout.epochs
        }
    }
}
