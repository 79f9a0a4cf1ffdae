import Foundation
import XCTest
import Results
@testable import Dashboard

/// A results database written through the store's own write side, read by
/// a dashboard as `runner serve` reads it: experiment `eta` with η 0.5 and
/// 3.0 × seeds 1 and 2, three epochs each, and a run that failed.
final class DashboardFixture {
    let directory: String
    let path: String
    let writer: SQLiteResultsStore
    private(set) var reader: SQLiteResultsStore!

    static let description = "<img src=x onerror=alert(1)>"
    /// Test and validation accuracies by (η, seed), one per epoch.
    static let accuracies: [String: [Double]] = [
        "0.5-1": [0.80, 0.85, 0.90], "0.5-2": [0.82, 0.86, 0.88],
        "3.0-1": [0.60, 0.70, 0.75], "3.0-2": [0.62, 0.66, 0.80],
    ]

    init(testCase: XCTestCase) throws {
        directory = (NSTemporaryDirectory() as NSString).appendingPathComponent("DashboardTests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        path = (directory as NSString).appendingPathComponent("results.sqlite")
        writer = try SQLiteResultsStore(path: path)
        let runs = [0.5, 3.0].flatMap { eta in [1, 2].map { seed in Self.run(eta: eta, seed: UInt64(seed)) } }
            + [Self.run(eta: 9.0, seed: 1)]
        try writer.register(
            ExperimentRecord(name: "eta", description: Self.description, specYAML: "name: eta\n", specSHA256: "sha-eta"),
            runs: runs)
        let owner = Provenance(runnerVersion: "0.1.0", gitCommit: "abc", kernels: "avx2", host: "test-host", pid: 1)
        for run in runs {
            let id = try XCTUnwrap(try writer.claim(configHash: run.configHash, owner: owner, retryFailed: false))
            guard let accuracies = Self.accuracies["\(run.eta)-\(run.seed)"] else {
                try writer.finish(runID: id, status: .failed, error: "out of <memory>", wallSeconds: 0.1)
                continue
            }
            for (index, accuracy) in accuracies.enumerated() {
                try writer.recordEpoch(runID: id, EpochRecord(
                    epoch: index + 1, trainCost: 1 - accuracy, testCost: 1 - accuracy, testAccuracy: accuracy,
                    seconds: Double(index + 1), eta: run.eta, validationCost: 1 - accuracy, validationAccuracy: accuracy))
            }
            try writer.finish(runID: id, status: .done, error: nil, wallSeconds: 6)
        }
        reader = try SQLiteResultsStore(path: path, readOnly: true)
        testCase.addTeardownBlock { [self] in
            try? reader.close()
            try? writer.close()
            try? FileManager.default.removeItem(atPath: directory)
        }
    }

    static func run(eta: Double, seed: UInt64) -> RunRecord {
        RunRecord(
            configHash: "hash-\(eta)-\(seed)", layers: [784, 30, 10], eta: eta, epochs: 3, batchSize: 10, seed: seed,
            initialization: "normal", dataset: "mnist", trainLimit: 1000, testLimit: 500,
            paramsJSON: #"{"hash_version":2}"#, cost: "quadratic", validationLimit: 1000)
    }

    func dashboard(token: String? = nil, console: Dashboard.ConsoleLimits = .init()) -> Dashboard {
        Dashboard(results: reader, access: DashboardAccess(hosts: DashboardAccess.names(boundTo: "127.0.0.1"), port: 8080, token: token), console: console)
    }

    static func get(_ path: String, _ query: [(String, String)] = [], host: String = "127.0.0.1:8080") -> DashboardRequest {
        DashboardRequest(path: path, query: query.map { (name: $0.0, value: $0.1) }, headers: ["Host": host])
    }

    static func sql(_ sql: String) -> DashboardRequest {
        DashboardRequest(
            method: "POST", path: "/api/sql", headers: ["Host": "127.0.0.1:8080"],
            body: try! JSONSerialization.data(withJSONObject: ["sql": sql]))
    }
}

extension DashboardResponse {
    /// The body as JSON.
    func json() throws -> Any {
        try JSONSerialization.jsonObject(with: body)
    }

    /// `{"error": …}`'s message.
    var errorMessage: String? {
        ((try? json()) as? [String: Any])?["error"] as? String
    }

    func count(of fragment: String) -> Int {
        text.components(separatedBy: fragment).count - 1
    }
}
