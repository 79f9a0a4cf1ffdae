import Datasets
import Foundation
import Results

/// A results store in memory that records what a sweep asks of it, and can
/// refuse claims or fail writes on cue: the sweep's contract with a store,
/// without SQLite.
final class FakeStore: ResultsWriter, ResultsReader, Sendable {
    struct Finish: Equatable {
        let configHash: String
        let status: RunStatus
        let error: String?
        var stopReason: String? = nil
    }

    struct State {
        var statuses: [String: RunStatus] = [:]
        var errors: [String: String] = [:]
        var claims: [String] = []
        var epochs: [String: [Int]] = [:]
        var records: [String: [EpochRecord]] = [:]
        var finishes: [Finish] = []
        var released: [String] = []
        var registered: [String] = []
        /// The checkpoint after each run's last recorded epoch.
        var checkpoints: [String: (epoch: Int, state: Data)] = [:]
        /// Runs whose checkpoint could not be used, restarted from scratch.
        var discarded: [String] = []
    }

    let state = Locked(State())
    /// Hashes another sweep holds: claims of them are refused.
    let claimedElsewhere: Set<String>
    /// Recording this epoch of this run fails as a full disk would.
    let failingEpoch: (configHash: String, epoch: Int)?
    /// Claiming this run throws something that is not the database's fault.
    let unclaimable: String?

    init(claimedElsewhere: Set<String> = [], failingEpoch: (String, Int)? = nil, unclaimable: String? = nil) {
        self.claimedElsewhere = claimedElsewhere
        self.failingEpoch = failingEpoch.map { (configHash: $0.0, epoch: $0.1) }
        self.unclaimable = unclaimable
    }

    private func hash(of runID: Int64) -> String {
        state.withLock { $0.claims[Int(runID)] }
    }

    // MARK: ResultsWriter

    func register(_ experiment: ExperimentRecord, runs: [RunRecord], replacingSpec: Bool) throws -> [String: RunStatus] {
        state.withLock { state in
            state.registered = runs.map(\.configHash)
            for run in runs where state.statuses[run.configHash] == nil { state.statuses[run.configHash] = .pending }
            return state.statuses
        }
    }

    func statuses(of configHashes: [String]) throws -> [String: RunStatus] {
        state.withLock { state in state.statuses.filter { configHashes.contains($0.key) } }
    }

    func claim(configHash: String, owner: Provenance, retryFailed: Bool) throws -> Int64? {
        if configHash == unclaimable { throw FakeStoreError(message: "the run cannot be claimed") }
        if claimedElsewhere.contains(configHash) { return nil }
        return state.withLock { state in
            guard state.statuses[configHash, default: .pending].isClaimable(retryFailed: retryFailed) else { return nil }
            state.statuses[configHash] = .running
            let kept = state.checkpoints[configHash]?.epoch ?? 0
            state.epochs[configHash] = state.epochs[configHash]?.filter { $0 <= kept }
            state.records[configHash] = state.records[configHash]?.filter { $0.epoch <= kept }
            state.claims.append(configHash)
            return Int64(state.claims.count - 1)
        }
    }

    func recordEpoch(runID: Int64, _ epoch: EpochRecord, checkpoint: Data?) throws {
        let hash = hash(of: runID)
        if let failing = failingEpoch, failing.configHash == hash, failing.epoch == epoch.epoch {
            throw ResultsError(path: "fake", message: "database or disk is full")
        }
        state.withLock { state in
            state.epochs[hash, default: []].append(epoch.epoch)
            state.records[hash, default: []].append(epoch)
            state.checkpoints[hash] = checkpoint.map { (epoch.epoch, $0) }
        }
    }

    func checkpoint(runID: Int64) throws -> (epoch: Int, state: Data)? {
        let hash = hash(of: runID)
        return state.withLock { $0.checkpoints[hash] }
    }

    func epochs(runID: Int64) throws -> [EpochRecord] {
        let hash = hash(of: runID)
        return state.withLock { $0.records[hash] ?? [] }
    }

    func discardProgress(runID: Int64) throws {
        let hash = hash(of: runID)
        state.withLock { state in
            state.epochs[hash] = nil
            state.records[hash] = nil
            state.checkpoints[hash] = nil
            state.discarded.append(hash)
        }
    }

    func finish(runID: Int64, status: RunStatus, error: String?, stopReason: String?, wallSeconds: Double) throws {
        let hash = hash(of: runID)
        state.withLock { state in
            state.statuses[hash] = status
            state.errors[hash] = error
            state.checkpoints[hash] = nil
            state.finishes.append(Finish(configHash: hash, status: status, error: error, stopReason: stopReason))
        }
    }

    func release(owner: Provenance) throws {
        state.withLock { state in
            for (hash, status) in state.statuses where status == .running {
                state.statuses[hash] = .pending
                let kept = state.checkpoints[hash]?.epoch ?? 0
                state.epochs[hash] = state.epochs[hash]?.filter { $0 <= kept }
                state.records[hash] = state.records[hash]?.filter { $0.epoch <= kept }
                state.released.append(hash)
            }
        }
    }

    func reclaimAbandoned(host: String, isAlive: (Int32) -> Bool, staleAfter: Double) throws -> [String] { [] }

    func pause(runID: Int64) throws {
        let hash = hash(of: runID)
        state.withLock { state in
            if state.statuses[hash] == .running { state.statuses[hash] = .pending }
        }
    }

    func applyDecisions(experiment: String, _ decisions: [Decision], pruned: [Int64: Int]) throws {
        throw FakeStoreError(message: "not part of a sweep")
    }

    func close() throws {}

    // MARK: ResultsReader: what a sweep reads back

    func run(configHash: String) throws -> StoredRun? {
        state.withLock { state in
            guard let status = state.statuses[configHash] else { return nil }
            let record = RunRecord(
                configHash: configHash, layers: [], eta: 1, epochs: 1, batchSize: 1, seed: 1, initialization: "normal",
                dataset: "", trainLimit: 1, testLimit: 1, paramsJSON: "{}")
            return StoredRun(id: 0, experiment: "", record: record, status: status, error: state.errors[configHash])
        }
    }

    // The sweep never asks for these.
    func overview() throws -> [ExperimentOverview] { throw FakeStoreError(message: "not part of a sweep") }
    func run(id: Int64) throws -> StoredRun? { throw FakeStoreError(message: "not part of a sweep") }
    func runIDs(experiment: String) throws -> [Int64] { throw FakeStoreError(message: "not part of a sweep") }
    func runs(experiment: String) throws -> [StoredRun] { throw FakeStoreError(message: "not part of a sweep") }
    func runs(configHashPrefix prefix: String) throws -> [StoredRun] { throw FakeStoreError(message: "not part of a sweep") }
    func orphanedRuns() throws -> [StoredRun] { throw FakeStoreError(message: "not part of a sweep") }
    func runningRuns() throws -> [RunningRun] { throw FakeStoreError(message: "not part of a sweep") }
    func configurationSummaries(experiment: String) throws -> [ConfigurationSummary] {
        throw FakeStoreError(message: "not part of a sweep")
    }
    func bestConfigurations(experiment: String, limit: Int, decimals: Int?) throws -> [ConfigurationSummary] {
        throw FakeStoreError(message: "not part of a sweep")
    }
    func export(experiment: String, to directory: String) throws -> [String] {
        throw FakeStoreError(message: "not part of a sweep")
    }
    func query(_ sql: String, arguments: [String: String]) throws -> QueryResult {
        throw FakeStoreError(message: "not part of a sweep")
    }
    func query(_ sql: String, arguments: [String: String], limits: QueryLimits) throws -> QueryResult {
        throw FakeStoreError(message: "not part of a sweep")
    }
    func runSettings(experiment: String) throws -> [RunSettings] { throw FakeStoreError(message: "not part of a sweep") }
    func epochSeries(runIDs: [Int64], metric: EpochMetric) throws -> [Int64: EpochSeries] {
        throw FakeStoreError(message: "not part of a sweep")
    }
    func changeCounter() throws -> Int64 { throw FakeStoreError(message: "not part of a sweep") }
    func activity() throws -> [String: ExperimentActivity] { throw FakeStoreError(message: "not part of a sweep") }
    func decisions(experiment: String) throws -> [Decision] { throw FakeStoreError(message: "not part of a sweep") }
    func decisions(runID: Int64) throws -> [(experiment: String, decision: Decision)] {
        throw FakeStoreError(message: "not part of a sweep")
    }
}

struct FakeStoreError: Error, CustomStringConvertible, Equatable {
    let message: String
    var description: String { message }
}
