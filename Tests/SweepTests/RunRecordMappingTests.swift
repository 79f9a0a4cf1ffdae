import Backprop
import Experiments
import Results
import XCTest
@testable import Sweep

/// A run's specification as the database registers it, and back.
final class RunRecordMappingTests: XCTestCase {
    private let spec = RunSpec(
        dataset: "mnist", trainLimit: 1000, validationLimit: 5000, testLimit: 500,
        training: TrainingConfiguration(
            layers: [784, 30, 10], eta: 0.5, epochs: 30, batchSize: 10, initialization: .scaled, seed: 3,
            cost: .crossEntropy, l2: 5, momentum: 0.9, patience: 10, etaHalving: 4))

    func testEveryFieldGoesToTheRecordAndComesBack() throws {
        let record = RunRecord(spec, configHash: "h", paramsJSON: "{}")
        XCTAssertEqual(record, RunRecord(
            configHash: "h", layers: [784, 30, 10], eta: 0.5, epochs: 30, batchSize: 10, seed: 3,
            initialization: "scaled", dataset: "mnist", trainLimit: 1000, testLimit: 500, paramsJSON: "{}",
            cost: "cross_entropy", l2: 5, momentum: 0.9, patience: 10, etaHalving: 4, validationLimit: 5000))
        XCTAssertEqual(RunSpec(record), spec)
    }

    /// A run stored before validation sets were recorded has the identity
    /// of the default one.
    func testARecordWithoutAValidationSizeHasTheDefault() throws {
        var record = RunRecord(spec, configHash: "h", paramsJSON: "{}")
        record.validationLimit = nil
        XCTAssertEqual(RunSpec(record)?.validationLimit, 10_000)
    }

    func testAnUnknownCostOrInitialisationHasNoSpecification() throws {
        var record = RunRecord(spec, configHash: "h", paramsJSON: "{}")
        record.cost = "hinge"
        XCTAssertNil(RunSpec(record))
        record.cost = "quadratic"
        record.initialization = "xavier"
        XCTAssertNil(RunSpec(record))
    }

    func testAnEpochReportBecomesARecordWithItsEtaAndValidationNumbers() {
        let report = EpochReport(
            epoch: 4, eta: 0.25, trainCost: 0.5, testCost: 0.375, testAccuracy: 0.9, validationCost: 0.125,
            validationAccuracy: 0.95, seconds: 1.5)
        XCTAssertEqual(EpochRecord(report), EpochRecord(
            epoch: 4, trainCost: 0.5, testCost: 0.375, testAccuracy: 0.9, seconds: 1.5, eta: 0.25,
            validationCost: 0.125, validationAccuracy: 0.95))
    }
}
