import Foundation
import XCTest

/// An early-stopped search small enough for a debug build and long enough
/// to be killed mid-rung: `samples` sampled points (η and the hidden
/// layer's size) of 9 epochs on 5,000 MNIST images, ranked on 1,000
/// validation images after epochs 1 and 3 (reduction 3), in a directory of
/// its own with its database and exports.
struct SearchSweep {
    static let epochs = 9

    let directory: URL
    let samples: Int
    let method: String
    var file: String { directory.appendingPathComponent("search.yaml").path }
    var db: String { directory.appendingPathComponent("results.sqlite").path }
    var out: String { directory.appendingPathComponent("out").path }

    init(in directory: URL, samples: Int = 9, method: String = "successive_halving") throws {
        self.directory = directory
        self.samples = samples
        self.method = method
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try write(samples: samples)
    }

    /// Rewrites the file with another `samples`, as a user grows a search.
    func write(samples: Int) throws {
        try """
            name: search-test
            dataset: mnist
            train_limit: 5000
            validation_limit: 1000
            test_limit: 500
            layers: [784, 30, 10]
            epochs: \(Self.epochs)
            batch: 10
            seeds: [1]
            sample:
              eta: {log_uniform: [0.05, 20]}
              hidden: {int_uniform: [10, 40]}
            samples: \(samples)
            sampler: random
            early_stop: {method: \(method), min_epochs: 1, reduction: 3}

            """.write(toFile: file, atomically: false, encoding: .utf8)
    }

    func arguments(_ flags: [String] = []) -> [String] {
        ["sweep", file, "--db", db, "--out", out] + flags
    }

    func run(_ flags: [String] = []) throws -> ProcessOutput {
        try RunnerProcess.run(arguments(flags))
    }

    func start(_ flags: [String] = [], in testCase: XCTestCase) throws -> RunnerChild {
        try testCase.startRunner(arguments(flags))
    }

    /// Everything the search decided and trained, every digit, without
    /// times: each epoch's numbers, each run's status and outcome, each
    /// decision, and the epoch each kept checkpoint follows.
    func results(file: StaticString = #filePath, line: UInt = #line) throws -> [CSVTable] {
        try FaultSweep.results(of: db, file: file, line: line) + [
            try SQLiteShell.query(db, """
                SELECT r.config_hash, d.bracket, d.rung, d.epoch, d.metric, quote(d.metric_value) AS metric_value,
                       quote(d.threshold) AS threshold, d.rank, d.rung_size, d.verdict
                FROM decisions d JOIN runs r ON r.id = d.run_id ORDER BY d.bracket, d.rung, d.rank
                """, file: file, line: line),
            try SQLiteShell.query(db, """
                SELECT r.config_hash, c.epoch FROM checkpoints c JOIN runs r ON r.id = c.run_id ORDER BY r.config_hash
                """, file: file, line: line),
        ]
    }

    /// (status, epochs) of every run, sorted: the shape of a finished search.
    func shape(file: StaticString = #filePath, line: UInt = #line) throws -> [[String]] {
        try SQLiteShell.query(db, """
            SELECT r.status, (SELECT count(*) FROM epochs e WHERE e.run_id = r.id) AS epochs
            FROM runs r ORDER BY 1, 2
            """, file: file, line: line).rows
    }

    /// Each rung's (rung, epoch, verdict, runs).
    func verdicts(file: StaticString = #filePath, line: UInt = #line) throws -> [[String]] {
        try SQLiteShell.query(db, """
            SELECT rung, epoch, verdict, count(*) FROM decisions GROUP BY rung, epoch, verdict ORDER BY rung, verdict
            """, file: file, line: line).rows
    }

    /// The decisions committed so far.
    static func decisionCount(in session: SQLiteSession) throws -> Int {
        do {
            return Int(try session.rows("SELECT count(*) FROM decisions").first?.first ?? "") ?? 0
        } catch let failure as PollFailure where failure.description.contains("no such table") {
            return 0
        }
    }
}
