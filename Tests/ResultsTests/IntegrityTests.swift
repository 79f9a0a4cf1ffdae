import Foundation
import GRDB
import XCTest
@testable import Results

/// The runner's own rules between runs, epochs, checkpoints and decisions,
/// as `integrityProblems()` reads them: none for what the store writes, one
/// typed problem for each rule a row breaks.
final class IntegrityTests: XCTestCase {
    private var store: SQLiteResultsStore!

    override func setUpWithError() throws {
        store = try SQLiteResultsStore(path: (try makeTemporaryDirectory(for: self) as NSString).appendingPathComponent("r.sqlite"))
        _ = try store.register(makeExperiment("e"), runs: ["done", "early", "pending", "pruned", "whole"].map { makeRun($0) })
        try complete("done", in: store, accuracies: [0.5, 0.7, 0.6])
        try complete("early", in: store, accuracies: [0.5, 0.6], stopReason: "no new best validation accuracy in 1 epoch")
        let pending = try XCTUnwrap(try store.claim(configHash: "pending", owner: testOwner, retryFailed: false))
        for epoch in 1 ... 2 {
            try store.recordEpoch(
                runID: pending, EpochRecord(epoch: epoch, trainCost: 1, testCost: 1, testAccuracy: 0.5, seconds: 1),
                checkpoint: Data([UInt8(epoch)]))
        }
        try store.release(owner: testOwner)
    }

    override func tearDownWithError() throws {
        try store.close()
    }

    private func run(_ hash: String) throws -> IntegrityProblem.Run {
        let stored = try XCTUnwrap(try store.run(configHash: hash))
        return IntegrityProblem.Run(id: stored.id, configHash: hash, status: stored.status.rawValue)
    }

    func testWhatTheStoreWritesBreaksNoRule() throws {
        XCTAssertEqual(try store.integrityProblems(), [])
    }

    func testEachBrokenRuleIsAProblem() throws {
        try store.database.write { db in
            // Pruned without a decision: one short of its epochs, one with all of them.
            for (hash, epochs) in [("pruned", 1), ("whole", 3)] {
                let id = try XCTUnwrap(try Int64.fetchOne(db, sql: "SELECT id FROM runs WHERE config_hash = ?", arguments: [hash]))
                for epoch in 1 ... epochs {
                    try db.execute(
                        sql: "INSERT INTO epochs (run_id, epoch, train_cost, test_cost, test_accuracy, seconds) VALUES (?, ?, 1, 1, 0.5, 1)",
                        arguments: [id, epoch])
                }
                try db.execute(sql: "UPDATE runs SET status = 'pruned', \(SQLiteResultsStore.outcomeFromEpochsSQL) WHERE id = ?", arguments: [id])
            }
            try db.execute(sql: "UPDATE checkpoints SET epoch = 1 WHERE run_id = (SELECT id FROM runs WHERE config_hash = 'pending')")
            try db.execute(sql: "UPDATE runs SET best_epoch = 3 WHERE config_hash = 'done'")
        }
        let pruned = try run("pruned")
        let whole = try run("whole")

        XCTAssertEqual(try store.integrityProblems(), [
            .prunedWithoutDecision(pruned, lastEpoch: 1),
            .prunedRunComplete(whole, recorded: 3),
            .prunedWithoutDecision(whole, lastEpoch: 3),
            .outcomeMismatch(try run("done"), column: "best_epoch", stored: "3", fromEpochs: "2"),
            .checkpointNotAtLastEpoch(try run("pending"), epoch: 1, lastEpoch: 2),
        ])
    }
}
