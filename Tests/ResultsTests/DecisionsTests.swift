import Foundation
import GRDB
import XCTest
@testable import Results

/// Early stopping's state: runs paused at a rung, the rungs' decisions, and
/// the runs they prune or promote again.
final class DecisionsTests: XCTestCase {
    private var path: String!
    private var store: SQLiteResultsStore!

    override func setUpWithError() throws {
        path = try makeTemporaryDirectory(for: self) + "/results.sqlite"
        store = try SQLiteResultsStore(path: path)
        _ = try store.register(makeExperiment("asha"), runs: ["a", "b", "c", "d"].enumerated().map { index, hash in
            makeRun(hash, seed: UInt64(index + 1), validationLimit: 10_000)
        })
    }

    /// Claims the run and records one epoch per validation accuracy, each
    /// with a checkpoint (its bytes: the epoch), test accuracy 0.1 below.
    @discardableResult
    private func train(_ hash: String, validation: [Double], checkpoints: Bool = true) throws -> Int64 {
        let runID = try XCTUnwrap(try store.claim(configHash: hash, owner: testOwner, retryFailed: false))
        let start = try store.epochs(runID: runID).count
        for (offset, accuracy) in validation.enumerated() {
            let epoch = start + offset + 1
            try store.recordEpoch(
                runID: runID,
                EpochRecord(epoch: epoch, trainCost: 1.0 / Double(epoch), testCost: 0.5, testAccuracy: accuracy - 0.1,
                            seconds: 1.5, eta: 3.0, validationCost: 0.25, validationAccuracy: accuracy),
                checkpoint: checkpoints ? Data([UInt8(epoch)]) : nil)
        }
        return runID
    }

    /// Trains the run and pauses it at the rung it reached.
    @discardableResult
    private func reachRung(_ hash: String, validation: [Double]) throws -> Int64 {
        let runID = try train(hash, validation: validation)
        try store.pause(runID: runID)
        return runID
    }

    private func rows(_ sql: String) throws -> [[String?]] { try store.query(sql).rows }

    private func decision(
        _ runID: Int64, rung: Int = 0, epoch: Int = 2, value: Double, threshold: Double, rank: Int, of size: Int = 3,
        _ verdict: Decision.Verdict, bracket: Int = 0
    ) -> Decision {
        Decision(runID: runID, bracket: bracket, rung: rung, epoch: epoch, metric: "validation_accuracy", value: value,
                 threshold: threshold, rank: rank, rungSize: size, verdict: verdict)
    }

    /// Distinct timestamps (milliseconds) for whatever is written next.
    private func tick() { Thread.sleep(forTimeInterval: 0.01) }

    // MARK: - pause

    func testPauseKeepsEpochsAndCheckpointAndTheRunIsClaimableAgain() throws {
        let a = try train("a", validation: [0.5, 0.6])

        try store.pause(runID: a)

        XCTAssertEqual(try rows("""
            SELECT status, started_at, heartbeat_at, host, owner_pid, runner_version, git_commit, kernels
            FROM runs WHERE id = \(a)
            """), [["pending", nil, nil, nil, nil, nil, nil, nil]])
        XCTAssertEqual(try store.epochs(runID: a).map(\.epoch), [1, 2])
        XCTAssertEqual(try store.checkpoint(runID: a)?.epoch, 2)
        XCTAssertEqual(try store.statuses(of: ["a"]), ["a": .pending])
        XCTAssertTrue(RunStatus.pending.isClaimable(retryFailed: false))

        XCTAssertEqual(try store.claim(configHash: "a", owner: testOwner, retryFailed: false), a)
        XCTAssertEqual(try store.epochs(runID: a).map(\.epoch), [1, 2], "continued from its checkpoint")
        XCTAssertEqual(try store.checkpoint(runID: a)?.state, Data([2]))
    }

    func testPauseLeavesARunThatIsNotRunningAlone() throws {
        let a = try reachRung("a", validation: [0.5])
        let before = try rows("SELECT * FROM runs ORDER BY id")

        try store.pause(runID: a)
        try store.pause(runID: 9_999)

        XCTAssertEqual(try rows("SELECT * FROM runs ORDER BY id"), before)
    }

    // MARK: - applyDecisions

    func testApplyingDecisionsStoresThemAndPrunesAtTheRungKeepingTheCheckpoint() throws {
        let a = try reachRung("a", validation: [0.5, 0.9])
        let b = try reachRung("b", validation: [0.6, 0.8])
        let c = try reachRung("c", validation: [0.7, 0.6])
        let decisions = [
            decision(c, value: 0.6, threshold: 0.8, rank: 3, .prune),
            decision(a, value: 0.9, threshold: 0.8, rank: 1, .promote),
            decision(b, value: 0.8, threshold: 0.8, rank: 2, .promote),
        ]

        try store.applyDecisions(experiment: "asha", decisions, pruned: [c: 2])

        let stored = try store.decisions(experiment: "asha")
        XCTAssertEqual(stored.map(\.runID), [a, b, c], "by rank")
        XCTAssertEqual(stored.map { var d = $0; d.decidedAt = nil; return d },
                       [decisions[1], decisions[2], decisions[0]])
        XCTAssertTrue(stored.allSatisfy { $0.decidedAt?.count == 24 }, "ISO 8601 with milliseconds")
        XCTAssertEqual(try rows("""
            SELECT config_hash, status, error, stop_reason, final_accuracy, final_train_cost, best_accuracy, best_epoch,
                   best_validation_accuracy, best_validation_epoch, test_accuracy_at_best_validation, wall_seconds,
                   finished_at IS NOT NULL
            FROM runs ORDER BY id
            """), [
            ["a", "pending", nil, nil, nil, nil, nil, nil, nil, nil, nil, nil, "0"],
            ["b", "pending", nil, nil, nil, nil, nil, nil, nil, nil, nil, nil, "0"],
            ["c", "pruned", nil, nil, "0.5", "0.5", "0.6", "1", "0.7", "1", "0.6", "3.0", "1"],
            ["d", "pending", nil, nil, nil, nil, nil, nil, nil, nil, nil, nil, "0"],
        ])
        XCTAssertEqual(try store.epochs(runID: c).map(\.epoch), [1, 2])
        XCTAssertEqual(try store.checkpoint(runID: c)?.epoch, 2, "at the rung's epoch: kept for a later promotion")
        XCTAssertEqual(try store.statuses(of: ["c"]), ["c": .pruned])
        XCTAssertFalse(RunStatus.pruned.isClaimable(retryFailed: true))
        XCTAssertNil(try store.claim(configHash: "c", owner: testOwner, retryFailed: true))
    }

    func testReapplyingTheSameStateChangesNothing() throws {
        let a = try reachRung("a", validation: [0.5, 0.9])
        let c = try reachRung("c", validation: [0.7, 0.6])
        let decisions = [
            decision(a, value: 0.9, threshold: 0.9, rank: 1, of: 2, .promote),
            decision(c, value: 0.6, threshold: 0.9, rank: 2, of: 2, .prune),
        ]
        try store.applyDecisions(experiment: "asha", decisions, pruned: [c: 2])
        let before = try rows("SELECT * FROM decisions ORDER BY id") + rows("SELECT * FROM runs ORDER BY id")
        tick()

        try store.applyDecisions(experiment: "asha", decisions, pruned: [c: 2])

        XCTAssertEqual(try rows("SELECT * FROM decisions ORDER BY id") + rows("SELECT * FROM runs ORDER BY id"), before,
                       "decided_at and the pruned run's finished_at stay")
    }

    func testApplyingReplacesChangedDecisionsAndDeletesTheMissing() throws {
        let a = try reachRung("a", validation: [0.5, 0.9])
        let b = try reachRung("b", validation: [0.6, 0.8])
        try store.applyDecisions(experiment: "asha", [
            decision(a, value: 0.9, threshold: 0.9, rank: 1, of: 2, .promote),
            decision(b, value: 0.8, threshold: 0.9, rank: 2, of: 2, .prune),
        ], pruned: [b: 2])
        let first = try store.decisions(experiment: "asha")
        let idOfA = try rows("SELECT id FROM decisions WHERE run_id = \(a)")
        tick()

        // The rung grew: c joined it and b is promoted after all; a reached rung 1.
        let c = try reachRung("c", validation: [0.7, 0.85])
        let next = [
            decision(a, value: 0.9, threshold: 0.9, rank: 1, of: 2, .promote),
            decision(c, value: 0.85, threshold: 0.8, rank: 2, of: 3, .promote),
            decision(b, value: 0.8, threshold: 0.8, rank: 3, of: 3, .promote),
            decision(a, rung: 1, epoch: 4, value: 0.95, threshold: 0.95, rank: 1, of: 1, .promote),
        ]
        try store.applyDecisions(experiment: "asha", next, pruned: [:])

        let stored = try store.decisions(experiment: "asha")
        XCTAssertEqual(stored.map { var d = $0; d.decidedAt = nil; return d }, next)
        XCTAssertEqual(stored[0].decidedAt, first[0].decidedAt, "unchanged: keeps its time")
        XCTAssertEqual(try rows("SELECT id FROM decisions WHERE run_id = \(a) AND rung = 0"), idOfA)
        XCTAssertNotEqual(stored[2].decidedAt, first[1].decidedAt, "b's changed decision is new")
        XCTAssertEqual(try rows("SELECT count(*) FROM decisions"), [["4"]])

        try store.applyDecisions(experiment: "asha", [], pruned: [:])
        XCTAssertEqual(try store.decisions(experiment: "asha"), [])
    }

    func testPruningTruncatesEpochsAndACheckpointAfterTheEpoch() throws {
        let d = try reachRung("d", validation: [0.5, 0.7, 0.6, 0.9])

        try store.applyDecisions(experiment: "asha", [
            decision(d, epoch: 2, value: 0.7, threshold: 0.8, rank: 2, of: 2, .prune),
        ], pruned: [d: 2])

        XCTAssertEqual(try store.epochs(runID: d).map(\.epoch), [1, 2])
        XCTAssertNil(try store.checkpoint(runID: d), "it followed epoch 4")
        XCTAssertEqual(try rows("""
            SELECT status, final_accuracy, best_validation_accuracy, best_validation_epoch, wall_seconds FROM runs WHERE id = \(d)
            """), [["pruned", "0.6", "0.7", "2", "3.0"]])
    }

    func testAPrunedRunIsPrunedAgainWhenItHasEpochsPastItsNewEpoch() throws {
        let d = try reachRung("d", validation: [0.5, 0.7, 0.6, 0.9])
        try store.applyDecisions(experiment: "asha", [], pruned: [d: 3])
        let firstFinish = try rows("SELECT finished_at FROM runs WHERE id = \(d)")
        tick()

        try store.applyDecisions(experiment: "asha", [], pruned: [d: 1])

        XCTAssertEqual(try store.epochs(runID: d).map(\.epoch), [1])
        XCTAssertNil(try store.checkpoint(runID: d))
        XCTAssertEqual(try rows("SELECT status, final_accuracy, best_epoch FROM runs WHERE id = \(d)"), [["pruned", "0.4", "1"]])
        XCTAssertNotEqual(try rows("SELECT finished_at FROM runs WHERE id = \(d)"), firstFinish)
    }

    func testAPrunedRunLeftOutOfPrunedIsPendingAgainWithItsEpochsAndCheckpoint() throws {
        let c = try reachRung("c", validation: [0.7, 0.6])
        try store.applyDecisions(experiment: "asha", [
            decision(c, value: 0.6, threshold: 0.8, rank: 2, of: 2, .prune),
        ], pruned: [c: 2])

        try store.applyDecisions(experiment: "asha", [
            decision(c, value: 0.6, threshold: 0.6, rank: 2, of: 2, .promote),
        ], pruned: [:])

        XCTAssertEqual(try rows("""
            SELECT status, error, stop_reason, final_accuracy, final_train_cost, best_accuracy, best_epoch,
                   best_validation_accuracy, best_validation_epoch, test_accuracy_at_best_validation, wall_seconds,
                   finished_at, started_at, host
            FROM runs WHERE id = \(c)
            """), [["pending", nil, nil, nil, nil, nil, nil, nil, nil, nil, nil, nil, nil, nil]])
        XCTAssertEqual(try store.epochs(runID: c).map(\.epoch), [1, 2])
        XCTAssertEqual(try store.checkpoint(runID: c)?.epoch, 2)
        XCTAssertEqual(try store.claim(configHash: "c", owner: testOwner, retryFailed: false), c)
        XCTAssertEqual(try store.epochs(runID: c).map(\.epoch), [1, 2], "continues from the rung")
    }

    func testRunningRunsAreNeverChanged() throws {
        let a = try train("a", validation: [0.5, 0.6, 0.7])
        let before = try rows("SELECT * FROM runs ORDER BY id") + rows("SELECT * FROM epochs ORDER BY run_id, epoch")

        try store.applyDecisions(experiment: "asha", [
            decision(a, value: 0.6, threshold: 0.8, rank: 2, of: 2, .prune),
        ], pruned: [a: 2])

        XCTAssertEqual(try rows("SELECT * FROM runs ORDER BY id") + rows("SELECT * FROM epochs ORDER BY run_id, epoch"), before)
        XCTAssertEqual(try store.checkpoint(runID: a)?.epoch, 3)
        XCTAssertEqual(try store.decisions(experiment: "asha").map(\.runID), [a], "the decision itself is stored")
    }

    func testApplyingIsAllOrNothing() throws {
        let a = try reachRung("a", validation: [0.5, 0.9])
        let c = try reachRung("c", validation: [0.7, 0.6, 0.5])
        try store.applyDecisions(experiment: "asha", [
            decision(a, value: 0.9, threshold: 0.9, rank: 1, of: 2, .promote),
        ], pruned: [:])
        let before = try rows("SELECT * FROM decisions ORDER BY id") + rows("SELECT * FROM runs ORDER BY id")
            + rows("SELECT * FROM epochs ORDER BY run_id, epoch") + rows("SELECT run_id, epoch FROM checkpoints ORDER BY run_id")

        // c is pruned and the decisions replaced before the unknown run fails.
        XCTAssertThrowsError(try store.applyDecisions(experiment: "asha", [
            decision(c, value: 0.6, threshold: 0.9, rank: 2, of: 2, .prune),
        ], pruned: [c: 2, 9_999: 2])) { error in
            XCTAssertEqual((error as? ResultsError)?.message, "no run with id 9999 to prune")
        }

        XCTAssertEqual(try rows("SELECT * FROM decisions ORDER BY id") + rows("SELECT * FROM runs ORDER BY id")
            + rows("SELECT * FROM epochs ORDER BY run_id, epoch") + rows("SELECT run_id, epoch FROM checkpoints ORDER BY run_id"),
            before)
    }

    func testADecisionOnAnUnknownRunIsRefusedNamingTheStatement() throws {
        XCTAssertThrowsError(try store.applyDecisions(experiment: "asha", [
            decision(9_999, value: 0.6, threshold: 0.9, rank: 1, of: 1, .prune),
        ], pruned: [:])) { error in
            let text = String(describing: error)
            XCTAssertTrue(
                text.contains("FOREIGN KEY constraint failed, while executing `INSERT INTO decisions"), text)
        }
        XCTAssertEqual(try rows("SELECT count(*) FROM decisions"), [["0"]])
    }

    func testAnUnknownExperimentIsAnInputError() throws {
        XCTAssertThrowsError(try store.applyDecisions(experiment: "nope", [], pruned: [:])) { error in
            XCTAssertEqual(error as? ResultsError, ResultsError(
                path: path, message: "no experiment named 'nope'; the database has asha", kind: .input))
        }
        XCTAssertThrowsError(try store.decisions(experiment: "nope")) { error in
            XCTAssertEqual((error as? ResultsError)?.kind, .input)
        }
    }

    func testARunningRunCannotBeFinishedAsPruned() throws {
        let a = try train("a", validation: [0.5])
        XCTAssertThrowsError(try store.finish(runID: a, status: .pruned, error: nil, wallSeconds: 1)) { error in
            XCTAssertEqual((error as? ResultsError)?.message,
                           "cannot finish run \(a) as pruned: early stopping prunes runs between rungs (applyDecisions)")
        }
        XCTAssertEqual(try store.statuses(of: ["a"]), ["a": .running])
    }

    // MARK: - readers

    func testDecisionsAreReadByBracketRungAndRankAndPerRunByRung() throws {
        let a = try reachRung("a", validation: [0.5, 0.9])
        let b = try reachRung("b", validation: [0.6, 0.8])
        let c = try reachRung("c", validation: [0.7, 0.6])
        _ = try store.register(makeExperiment("other"), runs: [makeRun("a", seed: 1, validationLimit: 10_000)])
        let asha = [
            decision(b, rung: 1, epoch: 4, value: 0.8, threshold: 0.9, rank: 2, of: 2, .prune),
            decision(c, rung: 0, value: 0.6, threshold: 0.6, rank: 1, of: 1, .promote, bracket: 1),
            decision(a, rung: 1, epoch: 4, value: 0.9, threshold: 0.9, rank: 1, of: 2, .promote),
            decision(b, rung: 0, value: 0.8, threshold: 0.8, rank: 1, of: 2, .promote),
            decision(a, rung: 0, value: 0.9, threshold: 0.8, rank: 2, of: 2, .promote),
        ]
        try store.applyDecisions(experiment: "asha", asha, pruned: [:])
        try store.applyDecisions(experiment: "other", [
            decision(a, rung: 0, value: 0.5, threshold: 0.5, rank: 1, of: 1, .promote),
        ], pruned: [:])

        XCTAssertEqual(try store.decisions(experiment: "asha").map { var d = $0; d.decidedAt = nil; return d },
                       [asha[3], asha[4], asha[2], asha[0], asha[1]])
        let ofA = try store.decisions(runID: a)
        XCTAssertEqual(ofA.map(\.experiment), ["asha", "other", "asha"])
        XCTAssertEqual(ofA.map(\.decision.rung), [0, 0, 1])
        XCTAssertEqual(ofA.map(\.decision.threshold), [0.8, 0.5, 0.9])
        XCTAssertEqual(try store.decisions(runID: 9_999).count, 0)
    }

    // MARK: - merge

    func testMergeCarriesDecisionsMappingExperimentAndRunIDs() throws {
        let shardPath = (path as NSString).deletingLastPathComponent + "/shard.sqlite"
        let shard = try SQLiteResultsStore(path: shardPath)
        _ = try shard.register(makeExperiment("asha"), runs: ["d", "c", "b", "a"].map { hash in
            makeRun(hash, seed: UInt64(["a", "b", "c", "d"].firstIndex(of: hash)! + 1), validationLimit: 10_000)
        })
        var shardIDs: [String: Int64] = [:]
        for hash in ["a", "c"] {
            shardIDs[hash] = try XCTUnwrap(try shard.claim(configHash: hash, owner: testOwner, retryFailed: false))
            for epoch in 1...2 {
                try shard.recordEpoch(runID: shardIDs[hash]!, EpochRecord(
                    epoch: epoch, trainCost: 0.5, testCost: 0.5, testAccuracy: 0.5, seconds: 1, eta: 3,
                    validationCost: 0.25, validationAccuracy: hash == "a" ? 0.9 : 0.6), checkpoint: Data([UInt8(epoch)]))
            }
            try shard.pause(runID: shardIDs[hash]!)
        }
        try shard.applyDecisions(experiment: "asha", [
            decision(shardIDs["a"]!, value: 0.9, threshold: 0.9, rank: 1, of: 2, .promote),
            decision(shardIDs["c"]!, value: 0.6, threshold: 0.9, rank: 2, of: 2, .prune),
        ], pruned: [shardIDs["c"]!: 2])
        let shardDecisions = try shard.decisions(experiment: "asha")
        try shard.close()

        // A target with other runs first, so that the ids differ from the shard's.
        let target = try SQLiteResultsStore(path: (path as NSString).deletingLastPathComponent + "/merged.sqlite")
        _ = try target.register(makeExperiment("first"), runs: [makeRun("z1"), makeRun("z2", seed: 2), makeRun("z3", seed: 3)])

        let report = try target.merge(shard: shardPath, includeUnfinished: true)

        XCTAssertEqual(report.merged, ["d", "c", "b", "a"])
        let a = try XCTUnwrap(try target.run(configHash: "a")?.id)
        let c = try XCTUnwrap(try target.run(configHash: "c")?.id)
        XCTAssertEqual([a, c], [7, 5])
        var expected = shardDecisions
        expected[0].runID = a
        expected[1].runID = c
        XCTAssertEqual(try target.decisions(experiment: "asha"), expected, "with their times")
        XCTAssertEqual(try target.statuses(of: ["a", "c"]), ["a": .pending, "c": .pruned])
        XCTAssertEqual(try target.checkpoint(runID: c)?.epoch, 2)

        XCTAssertEqual(try target.merge(shard: shardPath, includeUnfinished: true).merged, [])
        XCTAssertEqual(try target.query("SELECT count(*) FROM decisions").rows, [["2"]], "merging twice adds none")
    }
}
