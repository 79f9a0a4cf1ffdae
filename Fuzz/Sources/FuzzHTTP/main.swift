import Dashboard
import Foundation
import FuzzSupport
import Results

/// A small real database, written once through the store: experiment `eta`
/// with two runs of three epochs and a failed one, so that requests naming
/// an experiment, a run or a configuration reach the reads behind them.
private func makeDatabase() throws -> SQLiteResultsStore {
    let path = "\(InputFile.directory)/served.sqlite"
    for suffix in ["", "-wal", "-shm"] { unlink(path + suffix) }
    let writer = try SQLiteResultsStore(path: path)
    let runs = [(0.5, 1), (3.0, 1), (9.0, 2)].map { eta, seed in
        RunRecord(
            configHash: "hash-\(eta)-\(seed)", layers: [784, 30, 10], eta: eta, epochs: 3, batchSize: 10,
            seed: UInt64(seed), initialization: "normal", dataset: "mnist", trainLimit: 1000, testLimit: 500,
            paramsJSON: #"{"hash_version":2}"#, cost: "quadratic", validationLimit: 1000)
    }
    _ = try writer.register(
        ExperimentRecord(name: "eta", description: "η", specYAML: "name: eta\n", specSHA256: "sha-eta"), runs: runs)
    let owner = Provenance(runnerVersion: "0.1.0", gitCommit: "abc", kernels: "portable", host: "fuzz", pid: 1)
    for run in runs {
        guard let id = try writer.claim(configHash: run.configHash, owner: owner, retryFailed: false) else { continue }
        if run.eta == 9.0 {
            try writer.finish(runID: id, status: .failed, error: "diverged", wallSeconds: 0.1)
            continue
        }
        for epoch in 1...3 {
            let accuracy = 0.5 + Double(epoch) / 10
            try writer.recordEpoch(runID: id, EpochRecord(
                epoch: epoch, trainCost: 1 - accuracy, testCost: 1 - accuracy, testAccuracy: accuracy,
                seconds: Double(epoch), eta: run.eta, validationCost: 1 - accuracy, validationAccuracy: accuracy))
        }
        try writer.finish(runID: id, status: .done, error: nil, wallSeconds: 3)
    }
    try writer.close()
    return try SQLiteResultsStore(path: path, readOnly: true)
}

private let results: SQLiteResultsStore = {
    do {
        return try makeDatabase()
    } catch {
        fatalError("cannot write the database served: \(error)")
    }
}()

/// Writes the database before the first input, whose time would otherwise include it.
@_cdecl("LLVMFuzzerInitialize")
public func initialize(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>) -> CInt {
    _ = results
    return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    // A dashboard per input: its answers cache, bounded but kept across
    // requests, would otherwise look like memory one input leaked. The
    // console's time limit is lowered from its 5 s default, since a query
    // stopped by the limit is the limit working, and at 5 s a hang here.
    let dashboard = Dashboard(
        results: results,
        access: DashboardAccess(hosts: DashboardAccess.names(boundTo: "127.0.0.1"), port: 8080, token: nil),
        console: Dashboard.ConsoleLimits(timeLimit: 0.2))
    let bytes = Array(UnsafeRawBufferPointer(start: start, count: count))
    for answer in dashboard.responses(toConnectionBytes: bytes) {
        // A request that fails on the server's side, not the client's, is a finding.
        if answer.starts(with: Array("HTTP/1.1 500".utf8)) {
            fatalError("500 for a request: \(String(decoding: answer.prefix(400), as: UTF8.self))")
        }
    }
    return 0
}
