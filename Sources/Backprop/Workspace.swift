/// Scratch memory for pushing up to `capacity` examples through a network at
/// once: every layer's activations and every layer's error δ = ∂C/∂z, one
/// row per example. Allocated once per run so the training loop allocates
/// nothing.
final class Workspace<Scalar: NetworkScalar> {
    let layers: [Int]
    /// `activations[l]` holds a^l for l ≥ 1; `activations[0]` is where a
    /// mini-batch's inputs are gathered.
    let activations: [UnsafeMutablePointer<Scalar>]
    /// `deltas[l]` holds ∂C/∂z^l for l ≥ 1; `deltas[0]` is empty.
    let deltas: [UnsafeMutablePointer<Scalar>]
    /// The label of each row.
    let labels: UnsafeMutablePointer<Int>
    /// Length of the network's parameter array, where backpropagation starts from the end.
    let parameterCount: Int

    init(layers: [Int], capacity: Int) {
        precondition(capacity >= 1)
        self.layers = layers
        parameterCount = Network<Scalar>.parameterCount(layers: layers)
        activations = layers.map { Self.allocateAligned(count: $0 * capacity) }
        deltas = layers.indices.map { l in Self.allocateAligned(count: l == 0 ? 0 : layers[l] * capacity) }
        labels = .allocate(capacity: capacity)
        labels.initialize(repeating: 0, count: capacity)
    }

    deinit {
        for buffer in activations { buffer.deallocate() }
        for buffer in deltas { buffer.deallocate() }
        labels.deallocate()
    }

    /// Zeroed memory on a cache-line boundary, where the BLAS kernels'
    /// vector loads are fastest.
    private static func allocateAligned(count: Int) -> UnsafeMutablePointer<Scalar> {
        let raw = UnsafeMutableRawPointer.allocate(byteCount: count * MemoryLayout<Scalar>.stride, alignment: 64)
        return raw.initializeMemory(as: Scalar.self, repeating: 0, count: count)
    }

    /// The network's output a^L for the rows last pushed forward.
    var output: UnsafeMutablePointer<Scalar> { activations[layers.count - 1] }
}
