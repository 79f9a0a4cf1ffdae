import Backprop
import Datasets
import XCTest

/// A run interrupted after epoch k, encoded, decoded and continued by a new
/// trainer gives the uninterrupted run's bits: every epoch row, the final
/// parameters and the outcome. Real MNIST: 1,000 training images, 1,000
/// for validation, 500 test images, as in PinnedChapterThreeRunTests.
final class CheckpointResumeTests: XCTestCase {
    func testBatchesOfTenWithoutValidation() throws {
        let configuration = TrainingConfiguration(layers: [784, 30, 10], eta: 3, epochs: 4, batchSize: 10, seed: 1)
        try assertResumes(configuration, after: [1, 2, 3], validation: false)
    }

    /// 5,575 parameters: an odd number of normal deviates leaves one spare in the generator.
    func testOneExampleAtATimeWithASpareNormal() throws {
        let configuration = TrainingConfiguration(layers: [784, 7, 10], eta: 0.5, epochs: 3, batchSize: 1, seed: 2)
        try assertResumes(configuration, after: [1, 2])
    }

    func testCrossEntropyWithMomentumAndL2() throws {
        var configuration = TrainingConfiguration(
            layers: [784, 30, 10], eta: 0.5, epochs: 4, batchSize: 10, initialization: .scaled, seed: 3)
        (configuration.cost, configuration.l2, configuration.momentum) = (.crossEntropy, 5, 0.3)
        try assertResumes(configuration, after: [1, 3])
    }

    func testLogLikelihoodWithMomentum() throws {
        var configuration = TrainingConfiguration(layers: [784, 30, 10], eta: 0.1, epochs: 3, batchSize: 10, seed: 2)
        (configuration.cost, configuration.momentum) = (.logLikelihood, 0.5)
        try assertResumes(configuration, after: [2])
    }

    /// Patience 3 ends this run after epoch 19 (PinnedChapterThreeRunTests):
    /// resumed within the stale epochs, and from the last epoch itself, which
    /// then ends at once.
    func testPatienceEndsTheResumedRunWhereItEndsTheWholeOne() throws {
        var configuration = TrainingConfiguration(layers: [784, 30, 10], eta: 3, epochs: 40, batchSize: 10, seed: 1)
        configuration.patience = 3
        try assertResumes(configuration, after: [17, 19], status: .stoppedEarly(
            epoch: 19, reason: "no new best validation accuracy in 3 epochs"))
    }

    /// η halves after epochs 18, 22, 24, …; resumed right after a halving and between two.
    func testEtaHalvingContinuesItsSchedule() throws {
        var configuration = TrainingConfiguration(layers: [784, 30, 10], eta: 3, epochs: 60, batchSize: 10, seed: 1)
        configuration.etaHalving = 2
        try assertResumes(configuration, after: [18, 23], status: .stoppedEarly(
            epoch: 32, reason: "eta fell to 1/128 of its start"))
    }

    /// `epochs` is not part of a checkpoint's configuration: a finished run continues to more epochs.
    func testAFinishedRunContinuesToMoreEpochs() throws {
        var configuration = TrainingConfiguration(layers: [784, 30, 10], eta: 3, epochs: 4, batchSize: 10, seed: 1)
        let split = try mnistSplit(train: 1_000, validation: 1_000, test: 500)
        let whole = try run(configuration, split)
        configuration.epochs = 2
        let first = try Trainer(configuration: configuration, train: split.train, validation: split.validation, test: split.test)
        _ = first.run { _ in .proceed }
        configuration.epochs = 4
        let rest = try Trainer(
            configuration: configuration, train: split.train, validation: split.validation, test: split.test,
            resumingFrom: TrainingCheckpoint(decoding: first.checkpoint().encoded()))
        let outcome = rest.run { _ in .proceed }
        XCTAssertEqual(outcome.epochs.map(\.epoch), [3, 4])
        XCTAssertEqual(outcome.epochs.map(bits), whole.reports.suffix(2).map(bits))
        XCTAssertEqual(outcome.network.parameters.map(\.bitPattern), whole.parameters)
    }

    func testTakingCheckpointsDoesNotChangeTraining() throws {
        var configuration = TrainingConfiguration(layers: [784, 30, 10], eta: 0.5, epochs: 3, batchSize: 10, seed: 4)
        (configuration.momentum, configuration.etaHalving) = (0.5, 1)
        let split = try mnistSplit(train: 1_000, validation: 1_000, test: 500)
        let untouched = try run(configuration, split)
        let trainer = try Trainer(configuration: configuration, train: split.train, validation: split.validation, test: split.test)
        var epochs: [Int] = []
        let checked = trainer.run { _ in
            epochs.append(trainer.checkpoint().epoch)
            _ = trainer.checkpoint().encoded()
            return .proceed
        }
        XCTAssertEqual(epochs, [1, 2, 3])
        XCTAssertEqual(checked.epochs.map(bits), untouched.reports.map(bits))
        XCTAssertEqual(checked.network.parameters.map(\.bitPattern), untouched.parameters)
    }

    // MARK: - Helpers

    private struct Run {
        var reports: [EpochReport]
        var parameters: [UInt32]
        var status: TrainingStatus
    }

    private func run(_ configuration: TrainingConfiguration, _ split: DataSplit, validation: Bool = true) throws -> Run {
        let outcome = try Trainer(
            configuration: configuration, train: split.train, validation: validation ? split.validation : nil,
            test: split.test
        ).run { _ in .proceed }
        return Run(reports: outcome.epochs, parameters: outcome.network.parameters.map(\.bitPattern), status: outcome.status)
    }

    /// Stops a run after each of `epochs` in turn, taking the checkpoint in
    /// `onEpoch`, and continues it in a new trainer from the decoded encoding.
    private func assertResumes(
        _ configuration: TrainingConfiguration, after epochs: [Int], validation: Bool = true,
        status: TrainingStatus = .completed, file: StaticString = #filePath, line: UInt = #line
    ) throws {
        let split = try mnistSplit(train: 1_000, validation: 1_000, test: 500)
        let held = validation ? split.validation : nil
        let whole = try run(configuration, split, validation: validation)
        XCTAssertEqual(whole.status, status, file: file, line: line)
        for k in epochs {
            let first = try Trainer(configuration: configuration, train: split.train, validation: held, test: split.test)
            var encoding: Data?
            let head = first.run { report in
                guard report.epoch == k else { return .proceed }
                encoding = first.checkpoint().encoded()
                return .stop
            }
            let checkpoint = try TrainingCheckpoint(decoding: try XCTUnwrap(encoding, file: file, line: line))
            XCTAssertEqual(checkpoint.epoch, k, file: file, line: line)
            let resumed = try Trainer(
                configuration: configuration, train: split.train, validation: held, test: split.test,
                resumingFrom: checkpoint)
            let tail = resumed.run { _ in .proceed }
            XCTAssertEqual(head.epochs.count, k, file: file, line: line)
            XCTAssertEqual((head.epochs + tail.epochs).map(bits), whole.reports.map(bits), "after \(k)", file: file, line: line)
            XCTAssertEqual(tail.network.parameters.map(\.bitPattern), whole.parameters, "after \(k)", file: file, line: line)
            XCTAssertEqual(tail.status, whole.status, "after \(k)", file: file, line: line)
        }
    }
}

/// An epoch's numbers as bit patterns, all but its wall-clock time.
private func bits(_ report: EpochReport) -> [UInt64] {
    [UInt64(report.epoch), report.eta.bitPattern, report.trainCost.bitPattern, report.testCost.bitPattern,
     report.testAccuracy.bitPattern, report.validationCost?.bitPattern ?? 1, report.validationAccuracy?.bitPattern ?? 1]
}
