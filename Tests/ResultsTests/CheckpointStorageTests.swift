import Foundation
import XCTest
@testable import Results

/// A run's checkpoint travels with its last epoch: written in the same
/// transaction, kept with the epochs when the run is handed back or
/// reclaimed, and deleted when the run finishes.
final class CheckpointStorageTests: XCTestCase {
    private var store: SQLiteResultsStore!

    override func setUpWithError() throws {
        store = try SQLiteResultsStore(path: try makeTemporaryDirectory(for: self) + "/results.sqlite")
        _ = try store.register(makeExperiment("sweep"), runs: [makeRun("h1"), makeRun("h2")])
    }

    private func epoch(_ number: Int) -> EpochRecord {
        EpochRecord(epoch: number, trainCost: 1.0 / Double(number), testCost: 1, testAccuracy: 0.5, seconds: 1)
    }

    private func state(_ number: Int) -> Data { Data(repeating: UInt8(number), count: 3) }

    private func recordTwoEpochs(of hash: String) throws -> Int64 {
        let runID = try XCTUnwrap(try store.claim(configHash: hash, owner: testOwner, retryFailed: false))
        for number in 1 ... 2 { try store.recordEpoch(runID: runID, epoch(number), checkpoint: state(number)) }
        return runID
    }

    func testEachEpochReplacesTheCheckpoint() throws {
        let runID = try recordTwoEpochs(of: "h1")
        let saved = try XCTUnwrap(try store.checkpoint(runID: runID))
        XCTAssertEqual(saved.epoch, 2)
        XCTAssertEqual(saved.state, state(2))
        XCTAssertEqual(try store.query("SELECT count(*) FROM checkpoints").rows, [["1"]])
    }

    func testReleaseAndClaimKeepTheEpochsAndTheCheckpoint() throws {
        let runID = try recordTwoEpochs(of: "h1")
        try store.release(owner: testOwner)
        XCTAssertEqual(try store.statuses(of: ["h1"]), ["h1": .pending])
        XCTAssertEqual(try store.epochs(runID: runID), [epoch(1), epoch(2)])
        XCTAssertEqual(try store.claim(configHash: "h1", owner: testOwner, retryFailed: false), runID)
        XCTAssertEqual(try store.epochs(runID: runID), [epoch(1), epoch(2)])
        XCTAssertEqual(try store.checkpoint(runID: runID)?.state, state(2))
    }

    func testReclaimKeepsTheEpochsAndTheCheckpoint() throws {
        let runID = try recordTwoEpochs(of: "h1")
        XCTAssertEqual(try store.reclaimAbandoned(host: "test-host", isAlive: { _ in false }, staleAfter: 60), ["h1"])
        XCTAssertEqual(try store.epochs(runID: runID).map(\.epoch), [1, 2])
        XCTAssertEqual(try store.checkpoint(runID: runID)?.epoch, 2)
    }

    /// An epoch recorded without a checkpoint leaves nothing to continue
    /// from: the claim deletes every epoch, as before checkpoints.
    func testAnEpochWithoutACheckpointLeavesNoneAndTheNextClaimStartsOver() throws {
        let runID = try recordTwoEpochs(of: "h1")
        try store.recordEpoch(runID: runID, epoch(3))
        XCTAssertNil(try store.checkpoint(runID: runID))
        try store.release(owner: testOwner)
        XCTAssertEqual(try store.epochs(runID: runID), [])
    }

    func testFinishingDeletesTheCheckpoint() throws {
        let done = try recordTwoEpochs(of: "h1")
        try store.finish(runID: done, status: .done, error: nil, wallSeconds: 2)
        let failed = try recordTwoEpochs(of: "h2")
        try store.finish(runID: failed, status: .failed, error: "boom", wallSeconds: 2)
        XCTAssertEqual(try store.query("SELECT count(*) FROM checkpoints").rows, [["0"]])
        XCTAssertEqual(try store.epochs(runID: done).count, 2)
        // A failed run retried has no checkpoint: it trains from the start.
        XCTAssertEqual(try store.claim(configHash: "h2", owner: testOwner, retryFailed: true), failed)
        XCTAssertEqual(try store.epochs(runID: failed), [])
    }

    func testDiscardingProgressDeletesEpochsAndCheckpoint() throws {
        let runID = try recordTwoEpochs(of: "h1")
        try store.discardProgress(runID: runID)
        XCTAssertEqual(try store.epochs(runID: runID), [])
        XCTAssertNil(try store.checkpoint(runID: runID))
        try store.release(owner: testOwner)
        XCTAssertThrowsError(try store.discardProgress(runID: runID))
    }
}
