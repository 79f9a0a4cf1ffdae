import Foundation
import XCTest
@testable import Backprop

/// The options of Nielsen's chapter 3, each checked against its formula:
/// the two new costs and softmax, L2 decay and momentum step by step in
/// single precision, the gradient check for every cost with and without L2,
/// and every variant giving the same bits.
final class ChapterThreeTests: XCTestCase {
    let variants = KernelVariant.allCases.filter { $0.runs(on: .host) }

    func testTheGradientCheckCoversEveryCostWithAndWithoutL2OnEveryVariant() {
        for variant in variants {
            for cost in CostFunction.allCases {
                for weightDecay in [0, 0.3] {
                    for (layers, batch) in [([13, 5, 3], 7), ([5, 4, 3], 1), ([6, 4], 3)] {
                        let result = GradientCheck.run(
                            layers: layers, batchSize: batch, seed: 5, cost: cost, weightDecay: weightDecay,
                            kernels: variant)
                        XCTAssertTrue(
                            result.passed,
                            "\(variant) \(cost) λ/n \(weightDecay) \(layers) batch \(batch): "
                                + "\(result.maxRelativeError) at \(result.worstParameter)")
                    }
                }
            }
        }
    }

    /// softmax(z) of a 2-3 network whose outputs are z = [1, 2, 3] + b: e^(z−3) / Σ.
    func testSoftmaxOutputsAreExponentialsOverTheirSum() {
        let network = Network<Double>(layers: [2, 3], weights: [[0, 0, 0, 0, 0, 0]], biases: [[1, 2, 3]])
        let output = network.feedForward(inputs: [0.5, 0.25], cost: .logLikelihood)
        let exponentials = [exp(-2.0), exp(-1.0), 1]
        let sum = exponentials[0] + exponentials[1] + exponentials[2]
        for (a, e) in zip(output, exponentials) { XCTAssertEqual(a, e / sum, accuracy: 2e-16) }
        XCTAssertEqual(network.feedForward(inputs: [0.5, 0.25]), sigmoid([1, 2, 3], kernels: .default))
        let equal = Network<Float>(layers: [1, 4], weights: [[1, 1, 1, 1]], biases: [[0, 0, 0, 0]])
        XCTAssertEqual(equal.feedForward(inputs: [80], cost: .logLikelihood), [0.25, 0.25, 0.25, 0.25])
    }

    /// One output saturated at exactly 1 and one at σ(−87): the cross-entropy
    /// takes ln(1 − 1) as ln 2^−25 and stays finite; the log-likelihood is
    /// −ln a_y.
    func testCostsOfSaturatedOutputsAreFiniteAndExact() {
        let network = Network<Float>(layers: [1, 2], weights: [[100, -100]], biases: [[0, 0]])
        let a = network.feedForward(inputs: [1])
        XCTAssertEqual(a[0], 1)
        let low = Double(a[1])
        XCTAssertEqual(low, Double(sigmoid([Float(-100)], kernels: .default)[0]))
        XCTAssertEqual(
            network.cost(inputs: [1], labels: [1], cost: .crossEntropy), (0 - naturalLogarithm(0x1p-25)) - naturalLogarithm(low))
        // 25 ln 2 for the saturated output, and −ln σ(−87) ≈ 87 for the other.
        XCTAssertEqual(network.cost(inputs: [1], labels: [1], cost: .crossEntropy), 25 * log(2.0) + 87, accuracy: 1e-6)
        let softmax = network.feedForward(inputs: [1], cost: .logLikelihood)
        XCTAssertEqual(softmax[0], 1)
        XCTAssertEqual(network.cost(inputs: [1], labels: [1], cost: .logLikelihood), -naturalLogarithm(Double(softmax[1])))
        XCTAssertEqual(network.cost(inputs: [1], labels: [0], cost: .logLikelihood), 0)
    }

    /// W ← (1 − ηλ/n)·W − η·∂C/∂W in single precision, bit for bit, with the
    /// gradient from the same kernels; biases step without decay.
    func testL2DecaysTheWeightsButNotTheBiases() {
        let start = Network<Float>(
            layers: [2, 2, 2], weights: [[0.1, 0.2, 0.3, 0.4], [0.7, 0.8, 0.9, 1.0]], biases: [[0.5, 0.6], [-0.1, -0.2]])
        let (eta, weightDecay) = (0.5, 0.25)
        for cost in CostFunction.allCases {
            for variant in variants {
                let gradient = start.gradient(inputs: [1, 0.5], labels: [1], cost: cost, kernels: variant).gradient
                var stepped = start
                stepped.step(inputs: [1, 0.5], labels: [1], eta: eta, cost: cost, weightDecay: weightDecay, kernels: variant)
                let decay = Float(1 - eta * weightDecay)
                let expected = start.parameters.indices.map { i in
                    let isWeight = (1 ..< 3).contains { start.weightRange(layer: $0).contains(i) }
                    let base = isWeight ? decay * start.parameters[i] : start.parameters[i]
                    return base.addingProduct(-Float(eta), gradient[i])
                }
                XCTAssertEqual(stepped.parameters.map(\.bitPattern), expected.map(\.bitPattern), "\(cost) \(variant)")
            }
        }
    }

    /// v ← μ·v − η·∂C/∂p, p ← p + v for three steps on one example, and with
    /// L2 v ← μ·v + (−ηλ/n)·w − η·∂C/∂w: the trainer's parameters bit for bit.
    func testMomentumCarriesAVelocityFromStepToStep() throws {
        let example = syntheticImages(count: 1, features: 5, classes: 3, seed: 9)
        for l2 in [0, 0.8] {
            for variant in variants {
                var configuration = TrainingConfiguration(layers: [5, 4, 3], eta: 0.3, epochs: 3, batchSize: 1, seed: 6)
                configuration.momentum = 0.5
                configuration.l2 = l2
                configuration.cost = .crossEntropy
                let trainer = try Trainer(configuration: configuration, train: example, test: example, kernels: variant)
                var network = trainer.network
                var velocity = [Float](repeating: 0, count: network.parameters.count)
                let input = example.withUnsafePixels { Array($0) }
                let (eta, mu, shrink) = (Float(0.3), Float(0.5), Float(-(0.3 * l2)))
                for epoch in 1 ... 3 {
                    let gradient = network.gradient(
                        inputs: input, labels: [example.label(at: 0)], cost: .crossEntropy, kernels: variant).gradient
                    for i in network.parameters.indices {
                        let isWeight = (1 ..< 3).contains { network.weightRange(layer: $0).contains(i) }
                        let carried = l2 > 0 && isWeight
                            ? (shrink * network.parameters[i]).addingProduct(mu, velocity[i]) : mu * velocity[i]
                        velocity[i] = carried.addingProduct(-eta, gradient[i])
                        network.parameters[i] += velocity[i]
                    }
                    trainer.trainEpoch()
                    XCTAssertEqual(
                        trainer.network.parameters.map(\.bitPattern), network.parameters.map(\.bitPattern),
                        "λ \(l2) \(variant) epoch \(epoch)")
                }
            }
        }
    }

    func testEveryOptionTrainsToTheSameBitsOnEveryVariant() throws {
        let data = syntheticImages(count: 101, features: 21, classes: 4, seed: 12)
        let validation = syntheticImages(count: 37, features: 21, classes: 4, seed: 13)
        for cost in CostFunction.allCases {
            for (l2, momentum) in [(0.0, 0.0), (2.5, 0.0), (0.0, 0.7), (2.5, 0.7)] {
                for batch in [1, 7, 10] {
                    var configuration = TrainingConfiguration(
                        layers: [21, 17, 4], eta: 0.4, epochs: 3, batchSize: batch, initialization: .scaled, seed: 3)
                    (configuration.cost, configuration.l2, configuration.momentum) = (cost, l2, momentum)
                    let outcomes = try variants.map { variant in
                        try Trainer(
                            configuration: configuration, train: data, validation: validation, test: data, kernels: variant
                        ).run { _ in .proceed }
                    }
                    for (variant, outcome) in zip(variants, outcomes).dropFirst() {
                        let label = "\(variant) against \(variants[0]): \(cost) λ \(l2) μ \(momentum) batch \(batch)"
                        XCTAssertEqual(outcome.epochs, outcomes[0].epochs.map { $0.withSeconds(outcome.epochs) }, label)
                        XCTAssertEqual(
                            outcome.network.parameters.map(\.bitPattern),
                            outcomes[0].network.parameters.map(\.bitPattern), label)
                    }
                }
            }
        }
    }

    /// A λ so small that 1 − ηλ/n rounds to 1 in single precision sends the
    /// steps through the L2 tiles with a decay factor of exactly 1: they must
    /// give the plain tiles' bits, so the two sets of tiles sum in one order.
    func testTheL2TilesWithADecayOfOneGiveThePlainBits() throws {
        let data = syntheticImages(count: 53, features: 37, classes: 3, seed: 2)
        for batch in [1, 7, 10] {
            let plain = TrainingConfiguration(layers: [37, 19, 3], eta: 1, epochs: 2, batchSize: batch, seed: 4)
            var decayed = plain
            decayed.l2 = 1e-12
            XCTAssertEqual(Float(1 - decayed.eta * decayed.l2 / Double(data.count)), 1)
            for variant in variants {
                let first = try Trainer(configuration: plain, train: data, test: data, kernels: variant)
                    .run { _ in .proceed }
                let second = try Trainer(configuration: decayed, train: data, test: data, kernels: variant)
                    .run { _ in .proceed }
                XCTAssertEqual(
                    first.network.parameters.map(\.bitPattern), second.network.parameters.map(\.bitPattern),
                    "\(variant) batch \(batch)")
            }
        }
    }
}

extension EpochReport {
    /// The same report with another report's seconds at the same epoch, so
    /// that reports compare on their numbers alone.
    func withSeconds(_ others: [EpochReport]) -> EpochReport {
        EpochReport(
            epoch: epoch, eta: eta, trainCost: trainCost, testCost: testCost, testAccuracy: testAccuracy,
            validationCost: validationCost, validationAccuracy: validationAccuracy, seconds: others[epoch - 1].seconds)
    }
}
