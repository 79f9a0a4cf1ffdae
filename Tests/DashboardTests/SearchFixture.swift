import Foundation
import XCTest
import Results
@testable import Dashboard

/// An early-stopped search written as a sweep writes it, through the
/// store's own write side: experiment `search`, four runs of four epochs
/// (η 0.5, 1.0, 2.0 and 3.0, the last with an initialisation named by
/// markup), successive halving on validation accuracy at epochs 1 and 2.
///
/// Rung 0 ranks all four at epoch 1 and prunes c and d; rung 1 ranks a and
/// b at epoch 2 and prunes b; a trains to its end.
final class SearchFixture {
    let directory: String
    let path: String
    let writer: SQLiteResultsStore
    private(set) var reader: SQLiteResultsStore!
    /// By config hash.
    private(set) var ids: [String: Int64] = [:]

    static let hostile = "<script>alert(1)</script>"
    static let description = "Halving <script>alert(2)</script>"
    /// Validation accuracy per epoch, as far as each run trains.
    static let accuracies: [String: [Double]] = [
        "a": [0.80, 0.85, 0.88, 0.90], "b": [0.78, 0.83], "c": [0.70], "d": [0.60],
    ]
    private static let owner = Provenance(runnerVersion: "0.1.0", gitCommit: "abc", kernels: "avx2", host: "test-host", pid: 1)

    /// Stops after rung 0 unless `complete`.
    init(testCase: XCTestCase, complete: Bool = true) throws {
        directory = (NSTemporaryDirectory() as NSString).appendingPathComponent("SearchTests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        path = (directory as NSString).appendingPathComponent("results.sqlite")
        writer = try SQLiteResultsStore(path: path)
        let runs = [("a", 0.5), ("b", 1.0), ("c", 2.0), ("d", 3.0)].map { hash, eta in
            RunRecord(
                configHash: hash, layers: [784, 30, 10], eta: eta, epochs: 4, batchSize: 10, seed: 1,
                initialization: hash == "d" ? Self.hostile : "normal", dataset: "mnist", trainLimit: 1000, testLimit: 500,
                paramsJSON: #"{"hash_version":2}"#, cost: "quadratic", validationLimit: 1000)
        }
        try writer.register(
            ExperimentRecord(name: "search", description: Self.description, specYAML: "name: search\n", specSHA256: "sha-search"),
            runs: runs)
        testCase.addTeardownBlock { [self] in
            try? reader?.close()
            try? writer.close()
            try? FileManager.default.removeItem(atPath: directory)
        }
        for hash in ["a", "b", "c", "d"] { try train(hash, through: 1) }
        try writer.applyDecisions(experiment: "search", rungZero, pruned: [ids["c"]!: 1, ids["d"]!: 1])
        if complete { try completeSearch() }
        reader = try SQLiteResultsStore(path: path, readOnly: true)
    }

    /// Rung 1 and a's last epochs.
    func completeSearch() throws {
        for hash in ["a", "b"] { try train(hash, through: 2) }
        try writer.applyDecisions(experiment: "search", rungZero + rungOne, pruned: [ids["b"]!: 2, ids["c"]!: 1, ids["d"]!: 1])
        try train("a", through: 4, pause: false)
        try writer.finish(runID: ids["a"]!, status: .done, error: nil, wallSeconds: 4)
    }

    var rungZero: [Decision] {
        [("a", 0.80, 1, Decision.Verdict.promote), ("b", 0.78, 2, .promote), ("c", 0.70, 3, .prune), ("d", 0.60, 4, .prune)]
            .map { hash, value, rank, verdict in
                Decision(runID: ids[hash]!, bracket: 0, rung: 0, epoch: 1, metric: "validation_accuracy", value: value,
                         threshold: 0.78, rank: rank, rungSize: 4, verdict: verdict)
            }
    }

    var rungOne: [Decision] {
        [("a", 0.85, 1, Decision.Verdict.promote), ("b", 0.83, 2, .prune)].map { hash, value, rank, verdict in
            Decision(runID: ids[hash]!, bracket: 0, rung: 1, epoch: 2, metric: "validation_accuracy", value: value,
                     threshold: 0.85, rank: rank, rungSize: 2, verdict: verdict)
        }
    }

    /// Claims the run, records its epochs up to `last` (test accuracy 0.05
    /// below validation), and pauses it at that rung unless told not to.
    private func train(_ hash: String, through last: Int, pause: Bool = true) throws {
        let id = try XCTUnwrap(try writer.claim(configHash: hash, owner: Self.owner, retryFailed: false))
        ids[hash] = id
        let first = try writer.epochs(runID: id).count + 1
        for epoch in first...last {
            let accuracy = Self.accuracies[hash]![epoch - 1]
            try writer.recordEpoch(runID: id, EpochRecord(
                epoch: epoch, trainCost: 1 - accuracy, testCost: 1 - accuracy, testAccuracy: accuracy - 0.05,
                seconds: 1, eta: 1, validationCost: 1 - accuracy, validationAccuracy: accuracy), checkpoint: Data([UInt8(epoch)]))
        }
        if pause { try writer.pause(runID: id) }
    }

    func dashboard() -> Dashboard {
        Dashboard(results: reader, access: DashboardAccess(hosts: DashboardAccess.names(boundTo: "127.0.0.1"), port: 8080, token: nil))
    }
}
