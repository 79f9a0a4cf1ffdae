import Backprop
import XCTest

/// One SGD step of a 2-2-2 network, checked against the derivation number for
/// number. Network: W¹ = [[0.1, 0.2], [0.3, 0.4]], b¹ = [0.5, 0.6],
/// W² = [[0.7, 0.8], [0.9, 1.0]], b² = [−0.1, −0.2]; input x = [1, 0.5],
/// label 1 (y = [0, 1]); η = 0.5. The intermediate values, worked out in
/// double precision:
///   z¹ = W¹x + b¹ = [0.7, 1.1]
///   a¹ = σ(z¹)    = [0.6681877721681662, 0.7502601055951177]
///   z² = W²a¹ + b² = [0.9679395249938104, 1.1516291005464672]
///   a² = σ(z²)    = [0.7247086109691265, 0.7598083530045063]
///   C  = ½‖y − a²‖² = 0.2914472990496043
///   δ² = (a² − y) ⊙ a²(1 − a²) = [0.1445837452416416, −0.04383488423397658]
///   δ¹ = (W²ᵀδ²) ⊙ a¹(1 − a¹)  = [0.01369237199171509, 0.013459174165464929]
///   W −= η δ ⊗ a',  b −= η δ
final class NetworkStepTests: XCTestCase {
    let layers = [2, 2, 2]
    let weights: [[Double]] = [[0.1, 0.2, 0.3, 0.4], [0.7, 0.8, 0.9, 1.0]]
    let biases: [[Double]] = [[0.5, 0.6], [-0.1, -0.2]]
    let input: [Double] = [1.0, 0.5]

    let expectedWeights1 = [0.09315381400414247, 0.19657690700207123, 0.2932704129172675, 0.3966352064586338]
    let expectedBiases1 = [0.49315381400414243, 0.5932704129172676]
    let expectedWeights2 = [0.6516954546876289, 0.7457622920138343, 0.9146449668197751, 1.0164437824370665]
    let expectedBiases2 = [-0.1722918726208208, -0.17808255788301172]

    func testForwardPassMatchesTheDerivation() {
        let network = Network<Double>(layers: layers, weights: weights, biases: biases)
        assertEqual(network.feedForward(inputs: input), [0.7247086109691265, 0.7598083530045063], within: 1e-15)
        XCTAssertEqual(network.cost(inputs: input, labels: [1]), 0.2914472990496043, accuracy: 1e-15)
    }

    func testOneStepInDoublePrecisionMatchesTheDerivation() {
        var network = Network<Double>(layers: layers, weights: weights, biases: biases)
        let cost = network.step(inputs: input, labels: [1], eta: 0.5)
        XCTAssertEqual(cost, 0.2914472990496043, accuracy: 1e-15)
        assertEqual(network.weights(layer: 1), expectedWeights1, within: 1e-15)
        assertEqual(network.biases(layer: 1), expectedBiases1, within: 1e-15)
        assertEqual(network.weights(layer: 2), expectedWeights2, within: 1e-15)
        assertEqual(network.biases(layer: 2), expectedBiases2, within: 1e-15)
    }

    func testOneStepInSinglePrecisionMatchesTheDerivation() {
        var network = Network<Float>(
            layers: layers, weights: weights.map { $0.map(Float.init) }, biases: biases.map { $0.map(Float.init) })
        network.step(inputs: input.map(Float.init), labels: [1], eta: 0.5)
        assertEqual(network.weights(layer: 1).map(Double.init), expectedWeights1, within: 1e-7)
        assertEqual(network.biases(layer: 1).map(Double.init), expectedBiases1, within: 1e-7)
        assertEqual(network.weights(layer: 2).map(Double.init), expectedWeights2, within: 1e-7)
        assertEqual(network.biases(layer: 2).map(Double.init), expectedBiases2, within: 1e-7)
    }

    /// A mini-batch step is W −= (η/m) Σ ∂C/∂W: the mean of the examples' gradients.
    func testMiniBatchStepAveragesTheExamplesGradients() {
        let network = Network<Double>(layers: layers, weights: weights, biases: biases)
        let second: [Double] = [0.2, 0.9]
        let gradient1 = network.gradient(inputs: input, labels: [1]).gradient
        let gradient2 = network.gradient(inputs: second, labels: [0]).gradient

        var batched = network
        batched.step(inputs: input + second, labels: [1, 0], eta: 0.5)
        let expected = zip(network.parameters, zip(gradient1, gradient2)).map { p, g in p - 0.5 / 2 * (g.0 + g.1) }
        assertEqual(batched.parameters, expected, within: 1e-15)
    }

    func testBatchOfOneIsPerExampleTraining() {
        var network = Network<Double>(layers: layers, weights: weights, biases: biases)
        let gradient = network.gradient(inputs: input, labels: [1]).gradient
        let expected = zip(network.parameters, gradient).map { $0 - 0.5 * $1 }
        network.step(inputs: input, labels: [1], eta: 0.5)
        XCTAssertEqual(network.parameters, expected)
    }

    func testParameterLayoutIsWeightsThenBiasesPerLayer() {
        let network = Network<Double>(layers: layers, weights: weights, biases: biases)
        XCTAssertEqual(network.parameters, [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0, -0.1, -0.2])
        XCTAssertEqual(network.weightRange(layer: 2), 6 ..< 10)
        XCTAssertEqual(network.biasRange(layer: 2), 10 ..< 12)
        XCTAssertEqual(Network<Float>(layers: [784, 30, 10], weights: [[Float](repeating: 0, count: 23520), [Float](repeating: 0, count: 300)], biases: [[Float](repeating: 0, count: 30), [Float](repeating: 0, count: 10)]).trainingFLOPsPerExample, 95_880)
    }
}

func assertEqual(_ actual: [Double], _ expected: [Double], within tolerance: Double, file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertEqual(actual.count, expected.count, "count", file: file, line: line)
    for (index, (a, e)) in zip(actual, expected).enumerated() {
        XCTAssertEqual(a, e, accuracy: tolerance * max(1, abs(e)), "element \(index)", file: file, line: line)
    }
}
