/// Scratch memory for pushing up to `capacity` examples through a network at
/// once: every layer's activations and every layer's error δ = ∂C/∂z, one
/// row per example. Allocated once per run so the training loop allocates
/// nothing.
final class Workspace<Scalar: NetworkScalar> {
    let layers: [Int]
    let capacity: Int
    /// `activations[l]` holds a^l for l ≥ 1; `activations[0]` is where a
    /// mini-batch's inputs are gathered.
    let activations: [UnsafeMutablePointer<Scalar>]
    /// `deltas[l]` holds ∂C/∂z^l for l ≥ 1; `deltas[0]` is unused.
    let deltas: [UnsafeMutablePointer<Scalar>]
    /// The label of each row.
    let labels: UnsafeMutablePointer<Int>

    init(layers: [Int], capacity: Int) {
        precondition(capacity >= 1)
        self.layers = layers
        self.capacity = capacity
        activations = layers.map { size in
            let buffer = UnsafeMutablePointer<Scalar>.allocate(capacity: size * capacity)
            buffer.initialize(repeating: 0, count: size * capacity)
            return buffer
        }
        deltas = layers.map { size in
            let buffer = UnsafeMutablePointer<Scalar>.allocate(capacity: size * capacity)
            buffer.initialize(repeating: 0, count: size * capacity)
            return buffer
        }
        labels = .allocate(capacity: capacity)
        labels.initialize(repeating: 0, count: capacity)
    }

    deinit {
        for buffer in activations { buffer.deallocate() }
        for buffer in deltas { buffer.deallocate() }
        labels.deallocate()
    }

    /// The network's output a^L for the rows last pushed forward.
    var output: UnsafeMutablePointer<Scalar> { activations[layers.count - 1] }
}
