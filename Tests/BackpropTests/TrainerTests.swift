import Backprop
import Datasets
import XCTest

final class TrainerTests: XCTestCase {
    /// Four 3-pixel examples of 2 classes.
    let tiny = LabeledImages(
        pixels: [0.0, 0.2, 0.9, 1.0, 0.1, 0.3, 0.5, 0.5, 0.5, 0.8, 0.7, 0.0],
        labels: [1, 0, 1, 0], featureCount: 3, classCount: 2)

    /// The trainer is the documented algorithm and nothing else: initialise
    /// from the seed's generator, shuffle the examples with the same
    /// generator, step through mini-batches of m (a short last one included).
    func testAnEpochIsShuffleThenOneStepPerMiniBatch() throws {
        let configuration = TrainingConfiguration(layers: [3, 4, 2], eta: 0.7, epochs: 1, batchSize: 3, seed: 11)
        let trainer = try Trainer(configuration: configuration, train: tiny, test: tiny)
        let cost = trainer.trainEpoch()

        var generator = RandomGenerator(seed: 11)
        var expected = Network<Float>(layers: [3, 4, 2], initialization: .normal, generator: &generator)
        var order = [0, 1, 2, 3]
        generator.shuffle(&order)
        var expectedCost = 0.0
        for batch in [Array(order[0 ..< 3]), Array(order[3 ..< 4])] {
            let inputs = batch.flatMap { example in (0 ..< 3).map { tinyPixel(example, $0) } }
            let labels = batch.map { tiny.label(at: $0) }
            expectedCost += expected.step(inputs: inputs, labels: labels, eta: 0.7) * Double(batch.count)
        }
        XCTAssertEqual(trainer.network.parameters, expected.parameters)
        XCTAssertEqual(cost, expectedCost / 4, accuracy: 1e-12)
    }

    func testSameConfigurationGivesIdenticalBits() throws {
        let (train, test) = try mnist(train: 2_000, test: 500)
        let configuration = TrainingConfiguration(layers: [784, 16, 10], eta: 3, epochs: 2, batchSize: 10, seed: 5)
        let first = try Trainer(configuration: configuration, train: train, test: test).run { _ in .proceed }
        let second = try Trainer(configuration: configuration, train: train, test: test).run { _ in .proceed }
        XCTAssertEqual(first.network.parameters, second.network.parameters)
        XCTAssertEqual(first.epochs.map(\.metrics), second.epochs.map(\.metrics))
        XCTAssertEqual(first.status, .completed)

        var otherSeed = configuration
        otherSeed.seed = 6
        let third = try Trainer(configuration: otherSeed, train: train, test: test).run { _ in .proceed }
        XCTAssertNotEqual(third.network.parameters, first.network.parameters)
        XCTAssertNotEqual(third.epochs.map(\.metrics), first.epochs.map(\.metrics))
    }

    /// Nielsen reports 91% after the first epoch of his chapter-1 network.
    /// With N(0, 1) weights about one seed in five starts slowly (one digit
    /// is never predicted yet, 73–84% after the first epoch); his numpy code
    /// does the same (3 of 18 seeds measured). Seed 3 is a typical start:
    /// 90.4% here, 90.6% as the median of seeds 13–42.
    func testOneEpochOfNielsensNetworkReachesNinetyPercent() throws {
        let (train, test) = try mnist(train: 50_000, test: 10_000)
        let configuration = TrainingConfiguration(layers: [784, 30, 10], eta: 3, epochs: 1, batchSize: 10, seed: 3)
        let outcome = try Trainer(configuration: configuration, train: train, test: test).run { _ in .proceed }
        let report = try XCTUnwrap(outcome.epochs.first)
        XCTAssertEqual(report.epoch, 1)
        XCTAssertGreaterThanOrEqual(report.testAccuracy, 0.90)
        XCTAssertLessThan(report.testCost, 0.1)
    }

    func testEpochsAreReportedInOrderAndTheCallerCanStop() throws {
        let configuration = TrainingConfiguration(layers: [3, 2], eta: 1, epochs: 5, batchSize: 2, seed: 1)
        var seen: [Int] = []
        let outcome = try Trainer(configuration: configuration, train: tiny, test: tiny).run { report in
            seen.append(report.epoch)
            return report.epoch == 2 ? .stop : .proceed
        }
        XCTAssertEqual(seen, [1, 2])
        XCTAssertEqual(outcome.epochs.map(\.epoch), [1, 2])
        XCTAssertEqual(outcome.status, .stopped)
    }

    func testANonFiniteCostStopsTheRunAsDiverged() throws {
        let poisoned = LabeledImages(pixels: [0.1, .nan, 0.3, 0.4, 0.5, 0.6], labels: [0, 1], featureCount: 3, classCount: 2)
        let configuration = TrainingConfiguration(layers: [3, 2], eta: 1, epochs: 3, batchSize: 1, seed: 1)
        var reports = 0
        let outcome = try Trainer(configuration: configuration, train: poisoned, test: tiny).run { _ in
            reports += 1
            return .proceed
        }
        XCTAssertEqual(reports, 0)
        XCTAssertEqual(outcome.status, .diverged(epoch: 1, reason: "training cost is nan in epoch 1"))
    }

    func testAHugeLearningRateDiverges() throws {
        let configuration = TrainingConfiguration(layers: [3, 4, 2], eta: 1e39, epochs: 3, batchSize: 1, seed: 1)
        let outcome = try Trainer(configuration: configuration, train: tiny, test: tiny).run { _ in .proceed }
        guard case .diverged(let epoch, _) = outcome.status else {
            return XCTFail("expected divergence, got \(outcome.status)")
        }
        XCTAssertEqual(epoch, 1)
    }

    func testConfigurationsThatDoNotFitTheDataAreRejected() {
        func message(_ configuration: TrainingConfiguration) -> String? {
            do {
                _ = try Trainer(configuration: configuration, train: tiny, test: tiny)
                return nil
            } catch {
                return "\(error)"
            }
        }
        XCTAssertEqual(
            message(TrainingConfiguration(layers: [4, 2], eta: 1, epochs: 1, batchSize: 1, seed: 1)),
            "the first layer has 4 neurons but the data has 3 inputs")
        XCTAssertEqual(
            message(TrainingConfiguration(layers: [3, 5], eta: 1, epochs: 1, batchSize: 1, seed: 1)),
            "the last layer has 5 neurons but the data has 2 classes")
        XCTAssertEqual(
            message(TrainingConfiguration(layers: [3, 2], eta: 0, epochs: 1, batchSize: 1, seed: 1)),
            "eta must be a finite number > 0, got 0.0")
        XCTAssertEqual(
            message(TrainingConfiguration(layers: [3, 2], eta: 1, epochs: 1, batchSize: 0, seed: 1)),
            "batch must be at least 1, got 0")
        let base = TrainingConfiguration(layers: [3, 2], eta: 1, epochs: 1, batchSize: 1, seed: 1)
        func with(_ change: (inout TrainingConfiguration) -> Void) -> TrainingConfiguration {
            var configuration = base
            change(&configuration)
            return configuration
        }
        XCTAssertEqual(message(with { $0.l2 = -0.5 }), "l2 must be a finite number ≥ 0, got -0.5")
        XCTAssertEqual(message(with { $0.l2 = .infinity }), "l2 must be a finite number ≥ 0, got inf")
        XCTAssertEqual(message(with { $0.momentum = 1 }), "momentum must be in [0, 1), got 1.0")
        XCTAssertEqual(message(with { $0.momentum = -0.1 }), "momentum must be in [0, 1), got -0.1")
        XCTAssertEqual(message(with { $0.patience = 2 }), "patience needs a validation set")
        XCTAssertEqual(message(with { $0.etaHalving = 0 }), "eta_halving must be at least 1, got 0")
        XCTAssertEqual(message(with { $0.etaHalving = 3 }), "eta_halving needs a validation set")
    }

    private func tinyPixel(_ example: Int, _ feature: Int) -> Float {
        tiny.withUnsafePixels { $0[example * 3 + feature] }
    }
}

extension EpochReport {
    /// Everything but the wall-clock time.
    var metrics: [Double] { [Double(epoch), trainCost, testCost, testAccuracy] }
}

/// The committed MNIST, loaded once per test process.
func mnist(train: Int, test: Int) throws -> (LabeledImages, LabeledImages) {
    let split = try mnistSplit(train: train, validation: 0, test: test)
    return (split.train, split.test)
}

/// The committed MNIST's split, with a validation set from its end.
func mnistSplit(train: Int, validation: Int, test: Int) throws -> DataSplit {
    let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    let dataset = try DatasetCache.shared.dataset(directory: repository.appendingPathComponent("data/mnist").path)
    return try dataset.split(trainLimit: train, validationLimit: validation, testLimit: test)
}
