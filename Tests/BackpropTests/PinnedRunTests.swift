import Backprop
import XCTest

/// The exact epoch rows of a few real runs on MNIST, so that any change to
/// the arithmetic (an order of summation, a fused multiply-add, σ, the
/// generator) shows here and is made on purpose. Every variant must give
/// these bits.
final class PinnedRunTests: XCTestCase {
    func testNielsensNetworkWithBatchesOfTen() throws {
        try assertEpochs(
            TrainingConfiguration(layers: [784, 30, 10], eta: 3, epochs: 2, batchSize: 10, seed: 1),
            train: 1_000, test: 500, [
                (0.4884346335376057, 0.43357138825337715, 0.292),
                (0.36892452754448024, 0.37601175483328797, 0.41),
            ])
    }

    func testPerExampleTraining() throws {
        try assertEpochs(
            TrainingConfiguration(layers: [784, 30, 10], eta: 0.5, epochs: 2, batchSize: 1, seed: 2),
            train: 1_000, test: 500, [
                (0.4591817059659719, 0.42992563314950366, 0.302),
                (0.35501113928237854, 0.3823501017569849, 0.4),
            ])
    }

    func testScaledWeightsWithAHundredHiddenNeurons() throws {
        try assertEpochs(
            TrainingConfiguration(layers: [784, 100, 10], eta: 3, epochs: 2, batchSize: 10, initialization: .scaled, seed: 3),
            train: 1_000, test: 500, [
                (0.47359056878780154, 0.40100602427877147, 0.332),
                (0.30437222122167307, 0.2835162000822187, 0.602),
            ])
    }

    /// `expected` holds (train_cost, test_cost, test_accuracy) per epoch.
    private func assertEpochs(
        _ configuration: TrainingConfiguration, train: Int, test: Int, _ expected: [(Double, Double, Double)],
        file: StaticString = #filePath, line: UInt = #line
    ) throws {
        let (trainImages, testImages) = try mnist(train: train, test: test)
        for variant in KernelVariant.allCases where variant.runs(on: .host) {
            let outcome = try Trainer(configuration: configuration, train: trainImages, test: testImages, kernels: variant)
                .run { _ in .proceed }
            let rows = outcome.epochs.map { [$0.trainCost, $0.testCost, $0.testAccuracy] }
            XCTAssertEqual(rows, expected.map { [$0.0, $0.1, $0.2] }, "\(variant)", file: file, line: line)
        }
    }
}
