import Backprop
import XCTest

/// The exact epoch rows of real MNIST runs with the options of chapter 3, on
/// every variant, so that any change to their arithmetic shows here: 1,000
/// training images, the last 1,000 of the training file for validation, 500
/// test images.
final class PinnedChapterThreeRunTests: XCTestCase {
    func testCrossEntropyWithL2AndScaledWeights() throws {
        var configuration = TrainingConfiguration(
            layers: [784, 30, 10], eta: 0.5, epochs: 2, batchSize: 10, initialization: .scaled, seed: 1)
        (configuration.cost, configuration.l2) = (.crossEntropy, 5)
        try assertEpochs(configuration, [
            (2.4483989043698333, 1.521158831933851, 0.783, 1.766254327682398, 0.706),
            (1.3632817831267892, 1.0994722824092027, 0.848, 1.3469456397703634, 0.804),
        ])
    }

    func testSoftmaxWithMomentumOneExampleAtATime() throws {
        var configuration = TrainingConfiguration(layers: [784, 30, 10], eta: 0.1, epochs: 2, batchSize: 1, seed: 2)
        (configuration.cost, configuration.momentum) = (.logLikelihood, 0.5)
        try assertEpochs(configuration, [
            (1.657194464836112, 0.7339937349102823, 0.796, 1.0954334112463675, 0.662),
            (0.837519565069996, 0.917007117337014, 0.733, 1.1046840343927564, 0.702),
        ])
    }

    func testCrossEntropyWithL2AndMomentum() throws {
        var configuration = TrainingConfiguration(
            layers: [784, 100, 10], eta: 0.5, epochs: 2, batchSize: 10, initialization: .scaled, seed: 3)
        (configuration.cost, configuration.l2, configuration.momentum) = (.crossEntropy, 5, 0.3)
        try assertEpochs(configuration, [
            (2.417816558463016, 1.4795129988169073, 0.733, 1.7125867537809645, 0.66),
            (1.168365378232823, 0.9252186945885471, 0.882, 1.1492225040712134, 0.824),
        ])
    }

    /// The best validation accuracy, 0.762, comes in epoch 16; 17, 18 and 19
    /// bring no new best, so patience 3 ends the run after 19.
    func testPatienceEndsTheRunOnValidationAccuracy() throws {
        var configuration = TrainingConfiguration(layers: [784, 30, 10], eta: 3, epochs: 40, batchSize: 10, seed: 1)
        configuration.patience = 3
        let outcome = try run(configuration)
        XCTAssertEqual(outcome.status, .stoppedEarly(epoch: 19, reason: "no new best validation accuracy in 3 epochs"))
        XCTAssertEqual(outcome.epochs.count, 19)
        XCTAssertEqual(outcome.epochs.map(\.validationAccuracy)[14 ..< 19], [0.754, 0.762, 0.759, 0.76, 0.76])
        // The test set is measured but never decides: the same epochs as without patience.
        XCTAssertEqual(outcome.epochs.prefix(2).map(\.testAccuracy), [0.292, 0.41])
    }

    /// η halves after each 2 epochs without a new best, and the run ends
    /// when it would fall to 3/128.
    func testEtaHalvingFollowsNielsensSchedule() throws {
        var configuration = TrainingConfiguration(layers: [784, 30, 10], eta: 3, epochs: 60, batchSize: 10, seed: 1)
        configuration.etaHalving = 2
        let outcome = try run(configuration)
        XCTAssertEqual(outcome.status, .stoppedEarly(epoch: 32, reason: "eta fell to 1/128 of its start"))
        XCTAssertEqual(
            outcome.epochs.map(\.eta),
            Array(repeating: 3, count: 18) + [1.5, 1.5, 1.5, 1.5, 0.75, 0.75, 0.375, 0.375, 0.1875, 0.1875, 0.09375,
                                               0.09375, 0.046875, 0.046875])
        XCTAssertEqual(outcome.epochs.compactMap(\.validationAccuracy).max(), 0.769)
    }

    private func run(_ configuration: TrainingConfiguration, kernels: KernelVariant = .default) throws -> TrainingOutcome {
        let split = try mnistSplit(train: 1_000, validation: 1_000, test: 500)
        return try Trainer(
            configuration: configuration, train: split.train, validation: split.validation, test: split.test,
            kernels: kernels
        ).run { _ in .proceed }
    }

    /// `expected` holds (train_cost, validation_cost, validation_accuracy, test_cost, test_accuracy) per epoch.
    private func assertEpochs(
        _ configuration: TrainingConfiguration, _ expected: [(Double, Double, Double, Double, Double)],
        file: StaticString = #filePath, line: UInt = #line
    ) throws {
        for variant in KernelVariant.allCases where variant.runs(on: .host) {
            let rows = try run(configuration, kernels: variant).epochs.map {
                [$0.trainCost, $0.validationCost ?? .nan, $0.validationAccuracy ?? .nan, $0.testCost, $0.testAccuracy]
            }
            XCTAssertEqual(rows, expected.map { [$0.0, $0.1, $0.2, $0.3, $0.4] }, "\(variant)", file: file, line: line)
        }
    }
}
