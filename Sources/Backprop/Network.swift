/// A fully connected sigmoid network: layer l computes `z = W a' + b`, `a = σ(z)`.
///
/// All weights and biases live in one contiguous array, layer by layer
/// (`W¹, b¹, W², b², …`), each `W` row-major with one row per neuron of its
/// layer, so that `W[j][k]` connects neuron k of the layer below to neuron j.
/// One array makes a network cheap to copy, compare bit for bit and perturb
/// one parameter at a time.
///
/// ```swift
/// var generator = RandomGenerator(seed: 1)
/// let network = Network<Float>(layers: [784, 30, 10], initialization: .normal, generator: &generator)
/// network.weights(layer: 1).count   // 30 × 784
/// ```
public struct Network<Scalar: NetworkScalar>: Equatable, Sendable {
    /// Neurons per layer, input layer first.
    public let layers: [Int]
    /// `W¹, b¹, W², b², …`; see `weightRange(layer:)` and `biasRange(layer:)`.
    public internal(set) var parameters: [Scalar]

    /// Layers are numbered as in Nielsen's book: 1 is the first hidden layer,
    /// `layers.count - 1` the output layer.
    public func weightRange(layer: Int) -> Range<Int> {
        let start = parameterOffset(layer: layer)
        return start ..< start + layers[layer] * layers[layer - 1]
    }

    public func biasRange(layer: Int) -> Range<Int> {
        let start = weightRange(layer: layer).upperBound
        return start ..< start + layers[layer]
    }

    public func weights(layer: Int) -> [Scalar] { Array(parameters[weightRange(layer: layer)]) }
    public func biases(layer: Int) -> [Scalar] { Array(parameters[biasRange(layer: layer)]) }

    /// A network with its parameters laid out as `parameters` describes.
    init(layers: [Int], parameters: [Scalar]) {
        precondition(parameters.count == Self.parameterCount(layers: layers))
        self.layers = layers
        self.parameters = parameters
    }

    /// A network with the given parameters; `weights[l - 1]` is layer l's matrix, row-major.
    public init(layers: [Int], weights: [[Scalar]], biases: [[Scalar]]) {
        precondition(layers.count >= 2 && layers.allSatisfy { $0 >= 1 }, "need at least two layers of size ≥ 1")
        precondition(weights.count == layers.count - 1 && biases.count == layers.count - 1)
        self.layers = layers
        var parameters: [Scalar] = []
        parameters.reserveCapacity(Self.parameterCount(layers: layers))
        for l in 1 ..< layers.count {
            precondition(weights[l - 1].count == layers[l] * layers[l - 1], "layer \(l): weight count")
            precondition(biases[l - 1].count == layers[l], "layer \(l): bias count")
            parameters += weights[l - 1]
            parameters += biases[l - 1]
        }
        self.parameters = parameters
    }

    /// Draws the parameters as Nielsen's `Network.__init__` does: all biases
    /// first, layer by layer, then all weights, each from N(0, 1), or for
    /// `.scaled` the weights from N(0, 1/n_in).
    public init(layers: [Int], initialization: Initialization, generator: inout RandomGenerator) {
        precondition(layers.count >= 2 && layers.allSatisfy { $0 >= 1 }, "need at least two layers of size ≥ 1")
        self.layers = layers
        self.parameters = Array(repeating: 0, count: Self.parameterCount(layers: layers))
        for l in 1 ..< layers.count {
            for i in biasRange(layer: l) {
                parameters[i] = Scalar(generator.nextNormal())
            }
        }
        for l in 1 ..< layers.count {
            let scale: Double = initialization == .scaled ? 1 / Double(layers[l - 1]).squareRoot() : 1
            for i in weightRange(layer: l) {
                parameters[i] = Scalar(generator.nextNormal() * scale)
            }
        }
    }

    static func parameterCount(layers: [Int]) -> Int {
        zip(layers, layers.dropFirst()).reduce(0) { $0 + $1.1 * ($1.0 + 1) }
    }

    private func parameterOffset(layer: Int) -> Int {
        precondition(layer >= 1 && layer < layers.count, "layer \(layer) out of 1...\(layers.count - 1)")
        return Self.parameterCount(layers: Array(layers[0 ..< layer]))
    }
}

extension Network {
    /// Floating-point operations of one training example: the forward
    /// products `W a'`, the backward products `Wᵀ δ` (not needed below the
    /// first hidden layer) and `δ ⊗ a'`, two operations per multiply-add.
    public var trainingFLOPsPerExample: Int {
        var flops = 0
        for l in 1 ..< layers.count {
            let products = layers[l] * layers[l - 1]
            flops += 2 * products  // z = W a' + b
            flops += 2 * products  // ∂C/∂W = δ ⊗ a'
            if l > 1 { flops += 2 * products }  // ∂C/∂a' = Wᵀ δ
        }
        return flops
    }
}
