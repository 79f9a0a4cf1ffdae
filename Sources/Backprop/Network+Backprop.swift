/// Where backpropagation puts ∂C/∂W and ∂C/∂b, summed over the rows of a
/// mini-batch: `destination ← alpha · Σ gradient + beta · destination`.
///
/// Training folds the SGD step into the product (`W −= (η/m) Σ ∂C/∂W` is
/// alpha = −η/m, beta = 1 with the parameters as destination); the gradient
/// check stores the mean gradient (alpha = 1/m, beta = 0). Both run the same
/// kernels, which is what makes the check meaningful.
struct GradientDestination<Scalar: NetworkScalar> {
    let parameters: UnsafeMutablePointer<Scalar>
    let alpha: Scalar
    let beta: Scalar
}

extension Workspace {
    /// Feeds `rows` examples (row-major, `layers[0]` values each) forward:
    /// `z = W a' + b`, `a = σ(z)` for every layer, into `activations`.
    func forward(parameters: UnsafePointer<Scalar>, input: UnsafePointer<Scalar>, rows: Int) {
        var offset = 0
        for l in 1 ..< layers.count {
            let fanIn = layers[l - 1], size = layers[l]
            let weights = parameters + offset
            let biases = weights + size * fanIn
            offset += size * (fanIn + 1)
            let below = l == 1 ? input : UnsafePointer(activations[l - 1])
            let a = activations[l]
            // Rows are examples, so W a' for all of them at once is A' Wᵀ.
            Scalar.gemm(
                transposeA: false, transposeB: true, rows: rows, columns: size, inner: fanIn,
                alpha: 1, a: below, lda: fanIn, b: weights, ldb: fanIn, beta: 0, c: a, ldc: size)
            for r in 0 ..< rows {
                let row = a + r * size
                for j in 0 ..< size {
                    row[j] = sigmoid(row[j] + biases[j])
                }
            }
        }
    }

    /// Backpropagates the quadratic cost C = ½‖y − a^L‖² of the rows last
    /// pushed forward (labels in `labels`, y one-hot) and accumulates the
    /// gradient into `destination`, whose layout is the network's
    /// parameters'. `parameters` may be `destination.parameters`: each layer's
    /// weights are read for ∂C/∂a' before they are overwritten.
    ///
    /// Returns Σ C over the rows.
    @discardableResult
    func backward(
        parameters: UnsafePointer<Scalar>, input: UnsafePointer<Scalar>, rows: Int,
        into destination: GradientDestination<Scalar>
    ) -> Double {
        let outputLayer = layers.count - 1
        let classes = layers[outputLayer]
        let output = activations[outputLayer]
        let outputDelta = deltas[outputLayer]
        var cost: Double = 0
        for r in 0 ..< rows {
            let a = output + r * classes
            let delta = outputDelta + r * classes
            let label = labels[r]
            for j in 0 ..< classes {
                // ∂C/∂a^L = a^L − y;  ∂C/∂z = ∂C/∂a ⊙ σ'(z), with σ'(z) = a(1 − a).
                let error = a[j] - (j == label ? 1 : 0)
                // Squared in Double, as the test cost is, so the two compare.
                cost += Double(error) * Double(error)
                delta[j] = error * a[j] * (1 - a[j])
            }
        }

        var offset = parameterCount
        for l in stride(from: outputLayer, through: 1, by: -1) {
            let fanIn = layers[l - 1], size = layers[l]
            offset -= size * (fanIn + 1)
            let weights = parameters + offset
            let below = l == 1 ? input : UnsafePointer(activations[l - 1])
            let delta = UnsafePointer(deltas[l])

            if l > 1 {
                // ∂C/∂a' = Wᵀ ∂C/∂z, then ⊙ σ'(z') for the layer below.
                let deltaBelow = deltas[l - 1]
                Scalar.gemm(
                    transposeA: false, transposeB: false, rows: rows, columns: fanIn, inner: size,
                    alpha: 1, a: delta, lda: size, b: weights, ldb: fanIn, beta: 0, c: deltaBelow, ldc: fanIn)
                for i in 0 ..< rows * fanIn {
                    deltaBelow[i] *= below[i] * (1 - below[i])
                }
            }

            // ∂C/∂W = ∂C/∂z ⊗ a', summed over the rows: δᵀ A'.
            let weightDestination = destination.parameters + offset
            Scalar.gemm(
                transposeA: true, transposeB: false, rows: size, columns: fanIn, inner: rows,
                alpha: destination.alpha, a: delta, lda: size, b: below, ldb: fanIn,
                beta: destination.beta, c: weightDestination, ldc: fanIn)

            // ∂C/∂b = ∂C/∂z, summed over the rows.
            let biasDestination = weightDestination + size * fanIn
            for j in 0 ..< size {
                var sum: Scalar = 0
                for r in 0 ..< rows { sum += delta[r * size + j] }
                biasDestination[j] = destination.beta * biasDestination[j] + destination.alpha * sum
            }
        }
        return cost / 2
    }
}

@inline(__always)
func sigmoid<Scalar: NetworkScalar>(_ z: Scalar) -> Scalar {
    1 / (1 + Scalar.exponential(-z))
}
