/// Array-based entry points to the kernels, one mini-batch at a time: for
/// tests, the gradient check and anyone reproducing the derivation by hand.
/// Training on a data set goes through `Trainer`, which reuses its memory.
extension Network {
    /// One stochastic gradient descent step on a mini-batch of m examples
    /// (`inputs` row-major, m × layers[0]):
    /// `W −= (η/m) Σ ∂C/∂W`, `b −= (η/m) Σ ∂C/∂b`.
    ///
    /// Returns the mean cost of the mini-batch before the step.
    @discardableResult
    public mutating func step(inputs: [Scalar], labels: [Int], eta: Double) -> Double {
        let workspace = miniBatchWorkspace(inputs: inputs, labels: labels)
        let rows = labels.count
        let alpha = Scalar(-eta / Double(rows))
        return parameters.withUnsafeMutableBufferPointer { parameters in
            inputs.withUnsafeBufferPointer { inputs in
                let base = parameters.baseAddress!, input = inputs.baseAddress!
                workspace.forward(parameters: base, input: input, rows: rows)
                let destination = GradientDestination(parameters: base, alpha: alpha, beta: 1)
                return workspace.backward(parameters: base, input: input, rows: rows, into: destination)
                    / Double(rows)
            }
        }
    }

    /// The mean cost of a mini-batch and its gradient with respect to
    /// `parameters` (same layout): `(1/m) Σ ∂C/∂W`, `(1/m) Σ ∂C/∂b`.
    public func gradient(inputs: [Scalar], labels: [Int]) -> (cost: Double, gradient: [Scalar]) {
        let workspace = miniBatchWorkspace(inputs: inputs, labels: labels)
        let rows = labels.count
        var gradient = [Scalar](repeating: 0, count: parameters.count)
        let cost = gradient.withUnsafeMutableBufferPointer { gradient in
            parameters.withUnsafeBufferPointer { parameters in
                inputs.withUnsafeBufferPointer { inputs in
                    let base = parameters.baseAddress!, input = inputs.baseAddress!
                    workspace.forward(parameters: base, input: input, rows: rows)
                    let destination = GradientDestination(
                        parameters: gradient.baseAddress!, alpha: 1 / Scalar(rows), beta: 0)
                    return workspace.backward(parameters: base, input: input, rows: rows, into: destination)
                }
            }
        }
        return (cost / Double(rows), gradient)
    }

    /// The mean quadratic cost `(1/m) Σ ½‖y − a^L‖²` of a mini-batch.
    public func cost(inputs: [Scalar], labels: [Int]) -> Double {
        let rows = checkedRows(inputs: inputs, labels: labels)
        let outputs = feedForward(inputs: inputs)
        let classes = layers[layers.count - 1]
        var total: Double = 0
        for r in 0 ..< rows {
            for j in 0 ..< classes {
                let error = Double(outputs[r * classes + j]) - (j == labels[r] ? 1 : 0)
                total += error * error
            }
        }
        return total / 2 / Double(rows)
    }

    /// a^L for each row of `inputs`, row-major.
    public func feedForward(inputs: [Scalar]) -> [Scalar] {
        precondition(inputs.count % layers[0] == 0 && !inputs.isEmpty, "inputs must be whole rows of \(layers[0])")
        let rows = inputs.count / layers[0]
        let workspace = Workspace<Scalar>(layers: layers, capacity: rows)
        parameters.withUnsafeBufferPointer { parameters in
            inputs.withUnsafeBufferPointer { inputs in
                workspace.forward(parameters: parameters.baseAddress!, input: inputs.baseAddress!, rows: rows)
            }
        }
        return Array(UnsafeBufferPointer(start: workspace.output, count: rows * layers[layers.count - 1]))
    }

    private func checkedRows(inputs: [Scalar], labels: [Int]) -> Int {
        precondition(!labels.isEmpty && inputs.count == labels.count * layers[0], "need one row of \(layers[0]) inputs per label")
        precondition(labels.allSatisfy { (0 ..< layers[layers.count - 1]).contains($0) }, "label out of range")
        return labels.count
    }

    /// A workspace for one mini-batch, its labels loaded.
    private func miniBatchWorkspace(inputs: [Scalar], labels: [Int]) -> Workspace<Scalar> {
        let workspace = Workspace<Scalar>(layers: layers, capacity: checkedRows(inputs: inputs, labels: labels))
        for (r, label) in labels.enumerated() { workspace.labels[r] = label }
        return workspace
    }
}
