import Datasets
import Foundation
import XCTest
@testable import Backprop

/// Every kernel variant this CPU runs gives the portable variant's bits, on
/// shapes that divide no vector width, with batches of 1, 7 and 10 and a
/// short last batch.
final class KernelIdentityTests: XCTestCase {
    /// The variants to compare with portable; on a CPU without AVX2 there are none.
    let vectorVariants = KernelVariant.allCases.filter { $0 != .portable && $0.runs(on: .host) }

    /// 503 MNIST images: 50 batches of 10 and one of 3, or 71 of 7 and one of 6.
    func testMNISTNetworkWithThreeLayersTrainsToTheSameBitsOnEveryVariant() throws {
        let (train, test) = try mnist(train: 503, test: 211)
        for batch in [1, 7, 10] {
            let configuration = TrainingConfiguration(
                layers: [784, 47, 23, 10], eta: 3, epochs: 2, batchSize: batch, initialization: .scaled, seed: 4)
            try assertVariantsAgree(configuration, train: train, test: test)
        }
    }

    /// 101 examples of 13 features: a short last batch for every batch size here.
    func testSmallNetworkTrainsToTheSameBitsOnEveryVariant() throws {
        let data = syntheticImages(count: 101, features: 13, classes: 3, seed: 8)
        for batch in [1, 7, 10] {
            let configuration = TrainingConfiguration(layers: [13, 5, 3], eta: 0.5, epochs: 3, batchSize: batch, seed: 2)
            try assertVariantsAgree(configuration, train: data, test: data)
        }
    }

    func testTheGradientCheckPassesOnEveryVariant() {
        for variant in KernelVariant.allCases where variant.runs(on: .host) {
            for (layers, batch) in [([13, 5, 3], 7), ([20, 17, 10], 10), ([5, 4, 3], 1)] {
                let result = GradientCheck.run(layers: layers, batchSize: batch, seed: 3, kernels: variant)
                XCTAssertTrue(result.passed, "\(variant) \(layers) batch \(batch): \(result.maxRelativeError) at \(result.worstParameter)")
            }
        }
    }

    func testSigmoidGivesTheSameBitsOnEveryVariant() {
        let floats = sigmoidArguments.map(Float.init)
        let reference = sigmoid(floats, kernels: .portable)
        let referenceDoubles = sigmoid(sigmoidArguments, kernels: .portable)
        for variant in vectorVariants {
            XCTAssertEqual(sigmoid(floats, kernels: variant).map(\.bitPattern), reference.map(\.bitPattern), "\(variant)")
            XCTAssertEqual(
                sigmoid(sigmoidArguments, kernels: variant).map(\.bitPattern), referenceDoubles.map(\.bitPattern), "\(variant)")
        }
    }

    private func assertVariantsAgree(
        _ configuration: TrainingConfiguration, train: LabeledImages, test: LabeledImages,
        file: StaticString = #filePath, line: UInt = #line
    ) throws {
        let portable = try Trainer(configuration: configuration, train: train, test: test, kernels: .portable)
            .run { _ in .proceed }
        XCTAssertEqual(portable.status, .completed, file: file, line: line)
        for variant in vectorVariants {
            let outcome = try Trainer(configuration: configuration, train: train, test: test, kernels: variant)
                .run { _ in .proceed }
            let label = "\(variant) against portable, \(configuration.layers) batch \(configuration.batchSize)"
            XCTAssertEqual(
                outcome.network.parameters.map(\.bitPattern), portable.network.parameters.map(\.bitPattern), label,
                file: file, line: line)
            XCTAssertEqual(
                outcome.epochs.map(\.metricBits), portable.epochs.map(\.metricBits), label, file: file, line: line)
        }
    }

    /// Zeros of both signs, the range where σ saturates, and plain values.
    private var sigmoidArguments: [Double] {
        [0, -0.0, 1e-30, -1e-30, 0.5, -0.5, 1, -3.25, 17, -17, 40, -40, 87, -87, 88, -88, 103, -104, 700, -700, 710, -710,
         .infinity, -.infinity] + (0 ..< 200).map { Double($0) * 0.173 - 17 }
    }
}

/// Exactly what a sigmoid should give: within two units in the last place of
/// σ computed in double precision by the platform's libm (which is only a
/// reference here; the kernels never call it).
final class SigmoidAccuracyTests: XCTestCase {
    func testSingleAndDoublePrecisionAreWithinTwoULPs() {
        let arguments = (0 ..< 20_001).map { Double($0) * 0.005 - 50 }
        let floats = sigmoid(arguments.map(Float.init), kernels: .default)
        let doubles = sigmoid(arguments, kernels: .default)
        for (index, z) in arguments.enumerated() {
            let exact = 1 / (1 + Foundation.exp(-Double(Float(z))))
            XCTAssertLessThanOrEqual(abs(Double(floats[index]) - exact), 2 * Double(Float(exact).ulp), "σ(\(Float(z)))")
            let exactDouble = 1 / (1 + Foundation.exp(-z))
            XCTAssertLessThanOrEqual(abs(doubles[index] - exactDouble), 4 * exactDouble.ulp, "σ(\(z))")
        }
    }

    func testSaturationAndNaN() {
        let floats = sigmoid([Float.infinity, -.infinity, 90, -90, .nan, 0], kernels: .default)
        XCTAssertEqual(floats[0], 1)
        // σ(−∞) is σ(−87): the argument of e^x is clamped where e^x and σ stay normal numbers.
        XCTAssertEqual(Double(floats[1]), 1 / (1 + Foundation.exp(87.0)), accuracy: 2 * Double(floats[1].ulp))
        XCTAssertEqual(floats[2], 1)
        XCTAssertEqual(floats[3], floats[1])
        XCTAssertTrue(floats[4].isNaN)
        XCTAssertEqual(floats[5], 0.5)
    }
}

extension EpochReport {
    /// The bits of every measured number: the epoch, its costs and accuracy.
    var metricBits: [UInt64] { [UInt64(epoch), trainCost.bitPattern, testCost.bitPattern, testAccuracy.bitPattern] }
}

/// Examples with features uniform in [0, 1) and random labels, drawn from `seed`.
func syntheticImages(count: Int, features: Int, classes: Int, seed: UInt64) -> LabeledImages {
    var generator = RandomGenerator(seed: seed)
    let pixels = (0 ..< count * features).map { _ in Float(generator.nextUnitInterval()) }
    let labels = (0 ..< count).map { _ in UInt8(generator.nextIndex(below: classes)) }
    return LabeledImages(pixels: pixels, labels: labels, featureCount: features, classCount: classes)
}
