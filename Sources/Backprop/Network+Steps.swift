import CBackprop

/// Array-based entry points to the kernels, one mini-batch at a time: for
/// tests, the gradient check and anyone reproducing the derivation by hand.
/// Training on a dataset goes through `Trainer`, which reuses its memory.
///
/// Every variant gives the same bits, so `kernels` only changes speed.
extension Network {
    /// One stochastic gradient descent step on a mini-batch of m examples
    /// (`inputs` row-major, m × layers[0]):
    /// `W −= (η/m) Σ ∂C/∂W`, `b −= (η/m) Σ ∂C/∂b`; with `weightDecay` = λ/n,
    /// `W ← (1 − ηλ/n) W − (η/m) Σ ∂C/∂W`.
    ///
    /// Returns the mean cost of the mini-batch before the step.
    @discardableResult
    public mutating func step(
        inputs: [Scalar], labels: [Int], eta: Double, cost: CostFunction = .quadratic, weightDecay: Double = 0,
        kernels: KernelVariant = .default
    ) -> Double {
        let rows = checkedRows(inputs: inputs, labels: labels)
        let workspace = Workspace<Scalar>(layers: layers, capacity: rows, variant: kernels)
        let rule = bp_rule(cost: cost.kernel, l2: weightDecay, momentum: 0, velocity: nil)
        return parameters.withUnsafeMutableBufferPointer { parameters in
            inputs.withUnsafeBufferPointer { inputs in
                workspace.load(inputs: inputs.baseAddress!, labels: labels)
                let base = parameters.baseAddress!
                return workspace.step(parameters: base, count: rows, rule: rule, eta: eta, sgd: true, destination: base)
                    / Double(rows)
            }
        }
    }

    /// The mean cost of a mini-batch and its gradient with respect to
    /// `parameters` (same layout): `(1/m) Σ ∂C/∂W`, `(1/m) Σ ∂C/∂b`. With
    /// `weightDecay` = λ/n, the cost gains `(λ/2n) Σ w²` and the weights'
    /// gradient `(λ/n) W`.
    public func gradient(
        inputs: [Scalar], labels: [Int], cost: CostFunction = .quadratic, weightDecay: Double = 0,
        kernels: KernelVariant = .default
    ) -> (cost: Double, gradient: [Scalar]) {
        let rows = checkedRows(inputs: inputs, labels: labels)
        let workspace = Workspace<Scalar>(layers: layers, capacity: rows, variant: kernels)
        let rule = bp_rule(cost: cost.kernel, l2: weightDecay, momentum: 0, velocity: nil)
        var gradient = [Scalar](repeating: 0, count: parameters.count)
        let summed = gradient.withUnsafeMutableBufferPointer { gradient in
            parameters.withUnsafeBufferPointer { parameters in
                inputs.withUnsafeBufferPointer { inputs in
                    workspace.load(inputs: inputs.baseAddress!, labels: labels)
                    return workspace.step(
                        parameters: parameters.baseAddress!, count: rows, rule: rule, eta: 0, sgd: false,
                        destination: gradient.baseAddress!)
                }
            }
        }
        return (summed / Double(rows) + regularization(weightDecay), gradient)
    }

    /// The mean cost of a mini-batch, `(1/m) Σ C_x`, plus `(λ/2n) Σ w²` with
    /// `weightDecay` = λ/n.
    public func cost(
        inputs: [Scalar], labels: [Int], cost: CostFunction = .quadratic, weightDecay: Double = 0,
        kernels: KernelVariant = .default
    ) -> Double {
        let rows = checkedRows(inputs: inputs, labels: labels)
        let workspace = Workspace<Scalar>(layers: layers, capacity: rows, variant: kernels)
        let bytes = labels.map { UInt8($0) }
        let summed = parameters.withUnsafeBufferPointer { parameters in
            inputs.withUnsafeBufferPointer { inputs in
                workspace.evaluate(
                    parameters: parameters.baseAddress!, input: inputs.baseAddress!, labels: bytes, count: rows,
                    cost: cost
                ).cost
            }
        }
        return summed / Double(rows) + regularization(weightDecay)
    }

    /// `(λ/2n) Σ w²` over the weights (not the biases), in double precision.
    private func regularization(_ weightDecay: Double) -> Double {
        guard weightDecay != 0 else { return 0 }
        var squares = 0.0
        for l in 1 ..< layers.count {
            for w in parameters[weightRange(layer: l)] { squares += Double(w) * Double(w) }
        }
        return weightDecay / 2 * squares
    }

    /// a^L for each row of `inputs`, row-major: σ outputs, or softmax for the log-likelihood cost.
    public func feedForward(inputs: [Scalar], cost: CostFunction = .quadratic, kernels: KernelVariant = .default)
        -> [Scalar]
    {
        precondition(inputs.count % layers[0] == 0 && !inputs.isEmpty, "inputs must be whole rows of \(layers[0])")
        let rows = inputs.count / layers[0]
        let workspace = Workspace<Scalar>(layers: layers, capacity: rows, variant: kernels)
        parameters.withUnsafeBufferPointer { parameters in
            inputs.withUnsafeBufferPointer { inputs in
                workspace.forward(parameters: parameters.baseAddress!, input: inputs.baseAddress!, count: rows, cost: cost)
            }
        }
        return (0 ..< rows).flatMap { workspace.output(row: $0) }
    }

    private func checkedRows(inputs: [Scalar], labels: [Int]) -> Int {
        precondition(!labels.isEmpty && inputs.count == labels.count * layers[0], "need one row of \(layers[0]) inputs per label")
        precondition(labels.allSatisfy { (0 ..< layers[layers.count - 1]).contains($0) }, "label out of range")
        return labels.count
    }
}

extension Workspace {
    /// Points the mini-batch rows at consecutive rows of `inputs` and copies the labels.
    fileprivate func load(inputs: UnsafePointer<Scalar>, labels: [Int]) {
        for (r, label) in labels.enumerated() {
            rows[r] = inputs + r * layers[0]
            self.labels[r] = UInt8(label)
        }
    }
}
