import Foundation
import Results

// Early stopping: every verdict on a run, on its page; an experiment's
// rungs, where each of its runs stopped, and its search as a chart.
extension Dashboard {
    /// One verdict on a run at one rung, with the experiment whose early
    /// stopping gave it: a run shared by two experiments may have both's.
    struct DecisionItem: Encodable {
        var experiment: String
        var bracket: Int
        var rung: Int
        var epoch: Int
        var metric: String
        var value: Double
        var threshold: Double
        var rank: Int
        var rungSize: Int
        var verdict: String
        var decidedAt: String?
        var reason: String

        enum CodingKeys: String, CodingKey {
            case experiment, bracket, rung, epoch, metric, value, threshold, rank, rungSize = "rung_size", verdict
            case decidedAt = "decided_at", reason
        }

        init(experiment: String, _ decision: Decision) {
            (self.experiment, bracket, rung, epoch, metric) =
                (experiment, decision.bracket, decision.rung, decision.epoch, decision.metric)
            (value, threshold, rank, rungSize) = (decision.value, decision.threshold, decision.rank, decision.rungSize)
            (verdict, decidedAt, reason) = (decision.verdict.rawValue, decision.decidedAt, decision.reason)
        }
    }

    struct EarlyStoppingItem: Encodable {
        var rungs: [RungItem]
        /// One per run ranked at least once: its last decision, the deepest
        /// rung it reached; furthest first, then by rank.
        var runs: [RankedRunItem]
    }

    /// A rung of a bracket: how many runs it ranked and what became of them.
    struct RungItem: Encodable {
        var bracket: Int
        var rung: Int
        var epoch: Int
        var metric: String
        var ranked: Int
        var promoted: Int
        var pruned: Int
        var threshold: Double
    }

    struct RankedRunItem: Encodable {
        var runID: Int64
        /// Its configuration's, as the configurations table shows it.
        var label: String
        var key: String
        var seed: UInt64
        var status: String
        var bracket: Int
        var rung: Int
        var epoch: Int
        var value: Double
        var threshold: Double
        var rank: Int
        var rungSize: Int
        var verdict: String
        var reason: String

        enum CodingKeys: String, CodingKey {
            case runID = "run_id", label, key, seed, status, bracket, rung, epoch, value, threshold, rank
            case rungSize = "rung_size", verdict, reason
        }
    }

    /// The experiment's decisions by bracket, rung and rank, read once per
    /// change of the database: its page and its search chart both ask.
    func decisions(of experiment: String) throws -> [Decision] {
        try requireExperiment(experiment)
        return try cache.value("decisions " + experiment, at: try results.changeCounter()) {
            try results.decisions(experiment: experiment)
        }
    }

    func decisionItems(runID: Int64) throws -> [DecisionItem] {
        try results.decisions(runID: runID).map { DecisionItem(experiment: $0.experiment, $0.decision) }
    }

    /// Nil when the experiment has no decisions: it is no search, or none
    /// of its rungs has been reached.
    func earlyStopping(of experiment: String, configurations: [Configuration], varying: [String]) throws -> EarlyStoppingItem? {
        let decisions = try decisions(of: experiment)
        guard !decisions.isEmpty else { return nil }
        var rungs: [RungItem] = []
        for decision in decisions {
            if rungs.last.map({ $0.bracket != decision.bracket || $0.rung != decision.rung }) ?? true {
                rungs.append(RungItem(
                    bracket: decision.bracket, rung: decision.rung, epoch: decision.epoch, metric: decision.metric,
                    ranked: 0, promoted: 0, pruned: 0, threshold: decision.threshold))
            }
            rungs[rungs.count - 1].ranked += 1
            if decision.verdict == .promote { rungs[rungs.count - 1].promoted += 1 } else { rungs[rungs.count - 1].pruned += 1 }
        }
        // Read in rung order, so each run's last decision is its deepest.
        var last: [Int64: Decision] = [:]
        for decision in decisions { last[decision.runID] = decision }
        var runs: [RankedRunItem] = []
        for configuration in configurations {
            let label = configuration.label(varying: varying)
            for run in configuration.runs {
                guard let decision = last[run.id] else { continue }
                runs.append(RankedRunItem(
                    runID: run.id, label: label, key: configuration.key, seed: run.seed, status: run.status.rawValue,
                    bracket: decision.bracket, rung: decision.rung, epoch: decision.epoch, value: decision.value,
                    threshold: decision.threshold, rank: decision.rank, rungSize: decision.rungSize,
                    verdict: decision.verdict.rawValue, reason: decision.reason))
            }
        }
        // The deepest rung first (rung descending), then bracket, rank and id ascending.
        runs.sort { ($1.rung, $0.bracket, $0.rank, $0.runID) < ($0.rung, $1.bracket, $1.rank, $1.runID) }
        return EarlyStoppingItem(rungs: rungs, runs: runs)
    }

    /// Every run of the experiment on the metric its early stopping ranks,
    /// against epochs, with its rungs marked.
    /// - Throws: a 404 when the experiment has no decisions.
    func searchChart(named name: String) throws -> DashboardResponse {
        let decisions = try decisions(of: name)
        guard let first = decisions.first else {
            throw DashboardFailure(404, "experiment \(name) has no early-stopping decisions")
        }
        guard let metric = EpochMetric(rawValue: first.metric) else {
            throw DashboardFailure(404, "experiment \(name) ranks runs on \(first.metric), which is not a per-epoch metric")
        }
        let configurations = try configurations(of: name)
        let varying = Configuration.varyingSettings(of: configurations)
        let runs = configurations.flatMap { configuration in
            configuration.runs.map { (run: $0, label: configuration.label(varying: varying)) }
        }
        let series = try results.epochSeries(runIDs: runs.map(\.run.id), metric: metric)
        let lines = runs.map { item in
            let seed = series[item.run.id] ?? EpochSeries()
            return SearchRun(
                label: "run \(item.run.id): \(item.label)", key: String(item.run.id), isPruned: item.run.status == .pruned,
                points: zip(seed.epochs, seed.values).map { ChartPoint(x: Double($0), y: $1) })
        }
        // The runs that went furthest first: in the legend, and drawn on top.
        let ordered = lines.enumerated().sorted { a, b in
            let (reachedA, reachedB) = (a.element.points.last?.x ?? 0, b.element.points.last?.x ?? 0)
            return reachedA != reachedB ? reachedA > reachedB : a.offset < b.offset
        }.map(\.element)
        let chart = SearchChart(
            title: "\(name): \(metric.label) by epoch", yLabel: metric.label,
            runs: ordered, rungs: Self.rungMarkers(decisions))
        return .svg(chart.svg())
    }

    /// One marker per epoch ranked at; hyperband's brackets rank at the
    /// same epochs under different rung numbers, so those name their bracket.
    static func rungMarkers(_ decisions: [Decision]) -> [SearchRung] {
        var rungsByEpoch: [Int: [(bracket: Int, rung: Int)]] = [:]
        for decision in decisions {
            let seen = rungsByEpoch[decision.epoch, default: []]
            if !seen.contains(where: { $0.bracket == decision.bracket && $0.rung == decision.rung }) {
                rungsByEpoch[decision.epoch] = seen + [(decision.bracket, decision.rung)]
            }
        }
        let bracketed = decisions.contains { $0.bracket != 0 }
        return rungsByEpoch.keys.sorted().map { epoch in
            let label = rungsByEpoch[epoch]!.map { bracketed ? "bracket \($0.bracket) rung \($0.rung)" : "rung \($0.rung)" }
            return SearchRung(epoch: epoch, label: label.joined(separator: ", "))
        }
    }
}
