import Backprop
import Experiments
import Foundation
import Results

/// Schedules an early-stopped experiment: each run trains to the epoch of
/// its next rung and waits there, back in the store as `pending` with its
/// checkpoint, until every run of the rung has reached it or ended; then the
/// rung is decided (``SearchReplay``), the decisions are stored with the
/// pruned runs in one transaction, and the promoted runs continue from
/// their checkpoints to the next rung.
///
/// Rungs wait for all their runs, asynchronous promotion (ASHA) being what
/// makes other tools' decisions depend on arrival order. Brackets and runs
/// of later rungs train while a rung waits for its last runs.
///
/// ```swift
/// let scheduler = try SearchScheduler(plan: plan, earlyStop: stop, store: store)   // decides what it can
/// let summary = workers.run(scheduler)
/// ```
final class SearchScheduler: RunScheduler, @unchecked Sendable {
    private let experiment: String
    private let layout: SearchLayout
    private let store: any ResultsWriter
    /// Every field below is guarded by `condition`.
    private let condition = NSCondition()
    private var runs: [String: SearchRun] = [:]
    private let order: [String]
    private var replay: SearchReplay
    private var inFlight: Set<String> = []
    /// Runs whose claim failed: another process trains them.
    private var elsewhere: Set<String> = []
    private var observe: @Sendable (SweepEvent) -> Void = { _ in }

    /// Reads the experiment's runs and their metric, decides every rung
    /// they complete and stores that state, so that the store agrees with
    /// the runs' epochs before anything trains (after a grown `samples`, or
    /// a sweep killed between a rung's last epoch and its decision).
    ///
    /// - Throws: ``ResultsError`` when the store fails.
    init(plan: SweepPlan, earlyStop: EarlyStop, store: any ResultsWriter & ResultsReader) throws {
        experiment = plan.experiment.name
        layout = SearchLayout(earlyStop: earlyStop, epochs: plan.runs.first?.spec.training.epochs ?? 0)
        self.store = store
        order = plan.runs.map(\.configHash)
        let stored = Dictionary(
            try store.runs(experiment: experiment).map { ($0.record.configHash, $0) }, uniquingKeysWith: { a, _ in a })
        let metric = EpochMetric(rawValue: earlyStop.metric.rawValue) ?? .validationAccuracy
        let series = try store.epochSeries(runIDs: stored.values.map(\.id), metric: metric)
        for run in plan.runs {
            var searchRun = SearchRun(
                run: run, bracket: layout.bracket(ofConfigHash: run.configHash), runID: stored[run.configHash]?.id,
                status: stored[run.configHash]?.status ?? .pending)
            if let id = searchRun.runID, let values = series[id] {
                for (epoch, value) in zip(values.epochs, values.values) { searchRun.values[epoch] = value }
            }
            runs[run.configHash] = searchRun
        }
        replay = SearchReplay(layout: layout, runs: [])
        try decide(announcing: false)
    }

    /// The runs with epochs left to train, in plan order.
    var runsToTrain: [PlannedRun] {
        condition.withLock { order.filter { replay.targets[$0] != nil }.compactMap { runs[$0]?.run } }
    }

    /// The epochs to the rungs the runs train to now, for progress: the
    /// later rungs' epochs are known only once the earlier are decided.
    var epochsToTrain: Int {
        condition.withLock {
            replay.targets.reduce(0) { total, entry in
                total + max(0, entry.value - (runs[entry.key]?.values.keys.max() ?? 0))
            }
        }
    }

    func setObserver(_ observe: @escaping @Sendable (SweepEvent) -> Void) {
        condition.withLock { self.observe = observe }
    }

    func nextRun(stopping: () -> Bool) -> PlannedRun? {
        condition.lock()
        defer { condition.unlock() }
        while !stopping() {
            let ready = order.filter { replay.targets[$0] != nil && !inFlight.contains($0) && !elsewhere.contains($0) }
            // Lower rungs first, so that rungs complete soon; then plan order.
            if let next = ready.min(by: { replay.targets[$0]! < replay.targets[$1]! }), let run = runs[next] {
                inFlight.insert(next)
                return run.run
            }
            // Nothing to train until a run in flight here reaches its rung.
            guard !inFlight.isEmpty else { return nil }
            _ = condition.wait(until: Date(timeIntervalSinceNow: 0.1))
        }
        return nil
    }

    func afterEpoch(_ report: EpochReport, of run: PlannedRun) -> TrainingControl {
        condition.withLock {
            runs[run.configHash]?.values[report.epoch] = Self.metric(layout.earlyStop.metric, of: report)
            guard let target = replay.targets[run.configHash], target < layout.epochs else { return .proceed }
            return report.epoch >= target ? .stop : .proceed
        }
    }

    func runEnded(_ outcome: RunOutcome) throws {
        condition.lock()
        defer {
            condition.broadcast()
            condition.unlock()
        }
        let hash = outcome.run.configHash
        inFlight.remove(hash)
        switch outcome.result {
        case .skipped: elsewhere.insert(hash)
        case .paused: runs[hash]?.status = .pending
        case .done: runs[hash]?.status = .done
        case .failed: runs[hash]?.status = .failed
        case .diverged: runs[hash]?.status = .diverged
        case .interrupted, .databaseFailed: return
        }
        try decide(announcing: true)
    }

    /// Replays the search over the runs' values and, when that decides
    /// more (or, at the start, anything), stores the whole state. Called
    /// with `condition` locked.
    private func decide(announcing: Bool) throws {
        let before = replay
        let next = SearchReplay(layout: layout, runs: order.compactMap { runs[$0] })
        guard !announcing || next.decisions != before.decisions || next.pruned != before.pruned else {
            replay = next
            return
        }
        try store.applyDecisions(experiment: experiment, next.decisions, pruned: next.pruned)
        replay = next
        let byID = Dictionary(runs.values.compactMap { run in run.runID.map { ($0, run.run.configHash) } }, uniquingKeysWith: { a, _ in a })
        for (hash, run) in runs {
            if let id = run.runID, let epoch = next.pruned[id] {
                runs[hash]?.status = .pruned
                runs[hash]?.values = run.values.filter { $0.key <= epoch }
            } else if run.status == .pruned {
                runs[hash]?.status = .pending
            }
        }
        guard announcing else { return }
        let earlier = Set(before.decisions.map { RungKey(bracket: $0.bracket, rung: $0.rung) })
        let rungs = Dictionary(grouping: next.decisions.filter {
            !earlier.contains(RungKey(bracket: $0.bracket, rung: $0.rung))
        }) { RungKey(bracket: $0.bracket, rung: $0.rung) }
        for key in rungs.keys.sorted(by: { ($0.rung, $0.bracket) < ($1.rung, $1.bracket) }) {
            let decisions = rungs[key] ?? []
            let named = { (verdict: Decision.Verdict) in
                decisions.filter { $0.verdict == verdict }.compactMap { byID[$0.runID].flatMap { self.runs[$0]?.run } }
            }
            observe(.decided(RungDecided(
                bracket: key.bracket, rung: key.rung, epoch: layout.rungEpochs[key.rung], metric: layout.earlyStop.metric.rawValue,
                threshold: decisions.first?.threshold ?? .nan, promoted: named(.promote), pruned: named(.prune))))
        }
    }

    private struct RungKey: Hashable {
        let bracket: Int
        let rung: Int
    }

    private static func metric(_ metric: EarlyStop.Metric, of report: EpochReport) -> Double {
        switch metric {
        case .validationAccuracy: report.validationAccuracy ?? .nan
        case .validationCost: report.validationCost ?? .nan
        case .trainCost: report.trainCost
        }
    }
}

/// A rung that was decided: which runs go on and which stop.
public struct RungDecided: Sendable, Equatable {
    /// Hyperband's bracket; 0 for the other methods.
    public let bracket: Int
    /// 0-based; its runs were ranked after `epoch` epochs.
    public let rung: Int
    public let epoch: Int
    public let metric: String
    /// The metric a run needed to go on.
    public let threshold: Double
    public let promoted: [PlannedRun]
    public let pruned: [PlannedRun]
}
