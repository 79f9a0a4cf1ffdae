/// Compares backpropagation's gradient with finite differences of the cost,
/// in double precision, on random data.
///
/// The analytic gradient comes from the same kernels that train
/// (`Network<Double>` runs the kernel source `Network<Float>` runs), in the
/// variant asked for. The numerical one
/// is the fourth-order central difference
/// `(−C(p+2h) + 8C(p+h) − 8C(p−h) + C(p−2h)) / 12h`, whose truncation error
/// (O(h⁴)) and rounding error (O(ε/h)) both stay near 1e-12 at h = 1e-3; the
/// plain two-point difference cannot get both below 1e-10.
///
/// Each cost can be checked, with L2's term `(λ/2n) Σ w²` when
/// `weightDecay` (λ/n) is given.
///
/// ```swift
/// let result = GradientCheck.run(layers: [5, 4, 3], batchSize: 3, seed: 1,
///                                cost: .crossEntropy, weightDecay: 0.1)
/// result.passed   // maxRelativeError ≤ 1e-6
/// ```
public enum GradientCheck {
    public static let tolerance = 1e-6
    static let step = 1e-3
    /// Gradients smaller than this are compared by absolute error (relative
    /// to this floor), since their relative error is all rounding noise.
    static let magnitudeFloor = 1e-5

    public static func run(
        layers: [Int], batchSize: Int, seed: UInt64, cost costFunction: CostFunction = .quadratic,
        weightDecay: Double = 0, kernels: KernelVariant = .default
    ) -> GradientCheckResult {
        precondition(layers.count >= 2 && layers.allSatisfy { $0 >= 1 } && batchSize >= 1)
        var generator = RandomGenerator(seed: seed)
        var network = Network<Double>(layers: layers, initialization: .normal, generator: &generator)
        let inputs = (0 ..< batchSize * layers[0]).map { _ in generator.nextUnitInterval() }
        let labels = (0 ..< batchSize).map { _ in generator.nextIndex(below: layers[layers.count - 1]) }

        let (cost, gradient) = network.gradient(
            inputs: inputs, labels: labels, cost: costFunction, weightDecay: weightDecay, kernels: kernels)
        var worst = (error: 0.0, index: 0, analytic: 0.0, numerical: 0.0)
        for i in network.parameters.indices {
            let original = network.parameters[i]
            func cost(at offset: Double) -> Double {
                network.parameters[i] = original + offset
                return network.cost(
                    inputs: inputs, labels: labels, cost: costFunction, weightDecay: weightDecay, kernels: kernels)
            }
            let numerical = (-cost(at: 2 * step) + 8 * cost(at: step) - 8 * cost(at: -step) + cost(at: -2 * step))
                / (12 * step)
            network.parameters[i] = original
            let analytic = gradient[i]
            let error = abs(analytic - numerical) / max(abs(analytic), abs(numerical), magnitudeFloor)
            if error >= worst.error { worst = (error, i, analytic, numerical) }
        }
        return GradientCheckResult(
            layers: layers, batchSize: batchSize, cost: cost, parameterCount: network.parameters.count,
            maxRelativeError: worst.error, worstParameter: network.describeParameter(worst.index),
            worstAnalytic: worst.analytic, worstNumerical: worst.numerical)
    }
}

public struct GradientCheckResult: Sendable {
    public let layers: [Int]
    public let batchSize: Int
    /// Mean cost of the random mini-batch.
    public let cost: Double
    public let parameterCount: Int
    public let maxRelativeError: Double
    /// Where the largest error is, e.g. `W2[1][3]` or `b1[0]`.
    public let worstParameter: String
    public let worstAnalytic: Double
    public let worstNumerical: Double
    public var passed: Bool { maxRelativeError <= GradientCheck.tolerance }
}

extension Network {
    /// `W2[j][k]` or `b2[j]`, in Nielsen's layer numbering.
    func describeParameter(_ index: Int) -> String {
        for l in 1 ..< layers.count {
            let weights = weightRange(layer: l), biases = biasRange(layer: l)
            if weights.contains(index) {
                let offset = index - weights.lowerBound
                return "W\(l)[\(offset / layers[l - 1])][\(offset % layers[l - 1])]"
            }
            if biases.contains(index) { return "b\(l)[\(index - biases.lowerBound)]" }
        }
        return "parameter \(index)"
    }
}
