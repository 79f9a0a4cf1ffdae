import Backprop
import Experiments
import Results
import XCTest
@testable import Sweep

/// Retraining a stored run and comparing it bit for bit.
final class RunVerificationTests: XCTestCase {
    let owner = Provenance(runnerVersion: "test", gitCommit: nil, kernels: "portable", host: "here", pid: 1)

    /// A run trained by the workers, as the store recorded it, retrains to
    /// the same bits; one altered number is named with its epoch and field.
    func testAStoredRunRetrainsToTheSameBitsAndAnAlteredOneDiffers() throws {
        let plan = try makePlan(self, seeds: [7], epochs: 3)
        let store = FakeStore()
        _ = SweepWorkers(
            store: store, dataset: plan.dataset, owner: owner, jobs: 1, retryFailed: false, interruption: nil,
            observe: { _ in }
        ).run(FIFOScheduler(plan.runs))
        let run = storedRun(plan.runs[0])
        var epochs = try XCTUnwrap(store.state.withLock(\.records)[plan.runs[0].configHash])

        XCTAssertEqual(try RunVerification.verify(run, stored: epochs), .reproduced(epochs: 3))

        let original = epochs[1].testCost
        epochs[1].testCost = original.nextUp
        XCTAssertEqual(
            try RunVerification.verify(run, stored: epochs),
            .differs(.epoch(2, field: "test_cost", stored: original.nextUp, retrained: original)))

        epochs[1].testCost = original
        XCTAssertEqual(
            try RunVerification.verify(run, stored: Array(epochs.prefix(2))), .differs(.extraEpoch(3, storedEpochs: 2)))
    }

    /// The validation numbers and η are compared bit for bit too; a run
    /// stored before they were recorded retrains without them and matches.
    func testValidationNumbersAndEtaAreComparedBitForBit() throws {
        let plan = try makePlan(self, seeds: [7], epochs: 2)
        let store = FakeStore()
        _ = SweepWorkers(
            store: store, dataset: plan.dataset, owner: owner, jobs: 1, retryFailed: false, interruption: nil,
            observe: { _ in }
        ).run(FIFOScheduler(plan.runs))
        let run = storedRun(plan.runs[0])
        let epochs = try XCTUnwrap(store.state.withLock(\.records)[plan.runs[0].configHash])

        var altered = epochs
        let accuracy = try XCTUnwrap(altered[1].validationAccuracy)
        altered[1].validationAccuracy = accuracy.nextDown
        XCTAssertEqual(
            try RunVerification.verify(run, stored: altered),
            .differs(.epoch(2, field: "validation_accuracy", stored: accuracy.nextDown, retrained: accuracy)))
        altered = epochs
        altered[0].eta = 1.5
        XCTAssertEqual(try RunVerification.verify(run, stored: altered), .differs(.epoch(1, field: "eta", stored: 1.5, retrained: 3)))
        altered = epochs
        altered[0].validationCost = nil
        guard case .differs(.epoch(1, "validation_cost", let stored, _)) = try RunVerification.verify(run, stored: altered) else {
            return XCTFail("a missing validation cost is a difference")
        }
        XCTAssertTrue(stored.isNaN)

        var older = run
        older.record.validationLimit = nil
        let unrecorded = epochs.map { epoch in
            EpochRecord(epoch: epoch.epoch, trainCost: epoch.trainCost, testCost: epoch.testCost,
                        testAccuracy: epoch.testAccuracy, seconds: epoch.seconds)
        }
        XCTAssertEqual(try RunVerification.verify(older, stored: unrecorded), .reproduced(epochs: 2))
    }

    func testAnUnknownCostIsADifference() throws {
        let plan = try makePlan(self, seeds: [1], epochs: 1)
        var run = storedRun(plan.runs[0])
        run.record.cost = "hinge"
        XCTAssertEqual(try RunVerification.verify(run, stored: []), .differs(.unknownCost("hinge")))
    }

    func testARunOfAnotherArithmeticIsNotRetrained() throws {
        let plan = try makePlan(self, seeds: [1], epochs: 1)
        var run = storedRun(plan.runs[0])
        run.hashVersion = 1
        XCTAssertEqual(try RunVerification.verify(run, stored: []), .otherArithmetic(version: 1, current: RunSpec.hashVersion))
        run.hashVersion = 9
        XCTAssertEqual(try RunVerification.verify(run, stored: []), .otherArithmetic(version: 9, current: RunSpec.hashVersion))
    }

    func testAnIdentityThatNoLongerHashesIsADifference() throws {
        let plan = try makePlan(self, seeds: [1], epochs: 1)
        var run = storedRun(plan.runs[0])
        run.record.configHash = "0000"
        guard case .differs(.identity(let checksum, let stored)) = try RunVerification.verify(run, stored: []) else {
            return XCTFail("expected an identity difference")
        }
        XCTAssertEqual(checksum, plan.dataset.checksum)
        XCTAssertEqual(stored, plan.dataset.checksum)

        run.record.initialization = "xavier"
        XCTAssertEqual(try RunVerification.verify(run, stored: []), .differs(.unknownInitialization("xavier")))
    }

    private func storedRun(_ run: PlannedRun) -> StoredRun {
        StoredRun(
            id: 1, experiment: "tiny", record: run.record, datasetChecksum: checksum(of: run),
            hashVersion: RunSpec.hashVersion, status: .done)
    }

    private func checksum(of run: PlannedRun) -> String? {
        let json = run.record.paramsJSON
        guard let range = json.range(of: #""dataset_checksum":""#) else { return nil }
        return String(json[range.upperBound...].prefix(64))
    }
}
