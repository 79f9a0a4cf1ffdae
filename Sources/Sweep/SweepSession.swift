import Datasets
import Foundation
import Results

/// One sweep of a plan into one database: handing back what dead processes
/// left, registering the experiment, choosing the runs to train, training
/// them, handing back what an interruption leaves, and taking stock.
///
/// ```swift
/// let session = SweepSession(plan: plan, store: store, owner: .current(runnerVersion: "0.1.0"))
/// let start = try session.prepare()
/// let summary = session.train(start.todo, jobs: 2, interruption: nil) { event in … }
/// let stock = try session.takeStock(after: summary)
/// ```
public final class SweepSession: Sendable {
    public let plan: SweepPlan
    public let store: any ResultsWriter & ResultsReader
    public let owner: Provenance
    /// The config hashes this process trains: the plan's, or one shard's.
    public let mine: Set<String>
    /// Whether failed and diverged runs train again.
    public let retryFailed: Bool
    /// Whether the plan's spec may replace another one registered under the
    /// experiment's name (the old one stays as an earlier version).
    public let replacingSpec: Bool
    /// The scheduler of an experiment with `early_stop`, made by `prepare()`.
    private let search = Locked<SearchScheduler?>(nil)

    /// A run whose owner runs elsewhere and has not finished an epoch for
    /// this long is taken to be abandoned; on this host the owner's pid tells.
    /// Heartbeats come at the claim and after every epoch, and an epoch of
    /// the shipped experiments takes seconds: half an hour leaves room for
    /// epochs a hundred times slower before a live run is taken for dead.
    public static let heartbeatTimeout: Double = 30 * 60

    /// Whether the next sweep on this host would hand `run` back: its
    /// process is gone (on this host its pid has no process; elsewhere its
    /// heartbeat is older than ``heartbeatTimeout``). A reader shows it as stale.
    public static func isAbandoned(_ run: RunningRun) -> Bool {
        run.isAbandoned(host: ProcessInfo.processInfo.hostName, isAlive: processExists, staleAfter: heartbeatTimeout)
    }

    public init(
        plan: SweepPlan, store: any ResultsWriter & ResultsReader, owner: Provenance, mine: Set<String>? = nil,
        retryFailed: Bool = false, replacingSpec: Bool = false
    ) {
        self.plan = plan
        self.store = store
        self.owner = owner
        self.mine = mine ?? Set(plan.runs.map(\.configHash))
        self.retryFailed = retryFailed
        self.replacingSpec = replacingSpec
    }

    /// What a sweep found when it started.
    public struct Start: Sendable {
        /// Runs left `running` by processes that are gone, handed back to be continued.
        public let reclaimed: [String]
        /// The runs to train, in plan order; with early stopping, those
        /// with epochs to train before the next decision.
        public let todo: [PlannedRun]
        /// The epochs they train, for progress; with early stopping those
        /// to their next rung, the later rungs being decided as they come.
        public let epochsToTrain: Int
    }

    /// Hands back abandoned runs, registers the experiment (every shard
    /// registers it whole, so each database knows the experiment's order) and
    /// picks this process's runs that are not done (nor failed, unless retried).
    ///
    /// - Throws: `ExperimentSpecConflict` when the experiment's name is
    ///   registered with another spec and not `replacingSpec`.
    public func prepare() throws -> Start {
        let reclaimed = try store.reclaimAbandoned(
            host: owner.host, isAlive: processExists, staleAfter: Self.heartbeatTimeout)
        let statuses = try store.register(plan.record, runs: plan.runs.map(\.record), replacingSpec: replacingSpec)
        if let earlyStop = plan.experiment.earlyStop {
            let scheduler = try SearchScheduler(plan: plan, earlyStop: earlyStop, store: store)
            search.withLock { $0 = scheduler }
            return Start(reclaimed: reclaimed, todo: scheduler.runsToTrain, epochsToTrain: scheduler.epochsToTrain)
        }
        let todo = plan.runs.filter { run in
            guard mine.contains(run.configHash) else { return false }
            guard let status = statuses[run.configHash] else { return true }
            return status.awaitsTraining(retryFailed: retryFailed)
        }
        return Start(reclaimed: reclaimed, todo: todo, epochsToTrain: todo.reduce(0) { $0 + $1.spec.training.epochs })
    }

    /// Trains `runs` in order on `jobs` threads (see `SweepWorkers`); an
    /// experiment with `early_stop` trains its runs rung by rung instead,
    /// as `prepare()` planned them, until every rung is decided.
    public func train(
        _ runs: [PlannedRun], jobs: Int, interruption: Interruption?, observe: @escaping @Sendable (SweepEvent) -> Void
    ) -> SweepWorkers.Summary {
        let search = search.withLock { $0 }
        search?.setObserver(observe)
        let scheduler: RunScheduler = search ?? FIFOScheduler(runs)
        return SweepWorkers(
            store: store, dataset: plan.dataset, owner: owner, jobs: min(jobs, max(runs.count, 1)),
            retryFailed: retryFailed, interruption: interruption, observe: observe
        ).run(scheduler)
    }

    /// Puts this process's unfinished runs back to `pending` with their
    /// epochs and checkpoint, so that the next sweep continues them.
    public func handBack() throws {
        try store.release(owner: owner)
    }

    /// Where the experiment stands after a sweep.
    public struct Stock: Sendable {
        /// Every run of the plan that has a status, by config hash.
        public let statuses: [String: RunStatus]
        /// The plan's runs that are neither done nor pruned, in this database.
        public let remaining: Int
        /// Runs that failed or diverged in this sweep, then those left so by
        /// an earlier one and not retried, with their errors.
        public let unfinished: [(run: PlannedRun, status: RunStatus, message: String)]
        /// This process's runs that are done.
        public let mineDone: Int
    }

    /// Reads every run's status once, for the exports, the shard's count and
    /// the runs that did not finish.
    public func takeStock(after summary: SweepWorkers.Summary) throws -> Stock {
        let statuses = try store.statuses(of: plan.runs.map(\.configHash))
        var unfinished: [(run: PlannedRun, status: RunStatus, message: String)] = summary.outcomes.compactMap { outcome in
            switch outcome.result {
            case .diverged(let reason): (outcome.run, .diverged, reason)
            case .failed(let message): (outcome.run, .failed, message)
            default: nil
            }
        }
        let failedNow = Set(unfinished.map(\.run.configHash))
        for run in plan.runs where mine.contains(run.configHash) && !failedNow.contains(run.configHash) {
            guard let status = statuses[run.configHash], status == .failed || status == .diverged else { continue }
            let error = try store.run(configHash: run.configHash)?.error ?? "no error recorded"
            unfinished.append((run, status, error + " (in an earlier sweep)"))
        }
        return Stock(
            statuses: statuses, remaining: statuses.values.filter { $0 != .done && $0 != .pruned }.count, unfinished: unfinished,
            mineDone: mine.filter { statuses[$0] == .done }.count)
    }
}

/// Whether a process with this pid exists on this host (it may belong to
/// another user: EPERM still means it exists).
private func processExists(_ pid: Int32) -> Bool {
    kill(pid, 0) == 0 || errno == EPERM
}
