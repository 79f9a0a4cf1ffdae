import CBackprop

/// Everything the kernels need besides the parameters and the data, for up
/// to `capacity` rows at once: every layer's activations and errors, room
/// for a mini-batch's row pointers and labels, and the layer sizes in C's
/// form. Allocated once per run, so training allocates nothing.
final class Workspace<Scalar: NetworkScalar> {
    let layers: [Int]
    let capacity: Int
    let variant: KernelVariant
    private let sizes: UnsafeMutablePointer<Int32>
    private let scratch: UnsafeMutablePointer<Scalar>
    /// Where each row of the mini-batch in hand lies, then (for a whole
    /// epoch) where the next mini-batch's rows lie.
    let rows: UnsafeMutablePointer<UnsafePointer<Scalar>?>
    /// The label of each row of the mini-batch in hand.
    let labels: UnsafeMutablePointer<UInt8>

    init(layers: [Int], capacity: Int, variant: KernelVariant) {
        precondition(capacity >= 1 && capacity <= Int(Int32.max))
        precondition(layers.last! <= 256, "labels are bytes: at most 256 classes")
        self.layers = layers
        self.capacity = capacity
        self.variant = variant
        sizes = .allocate(capacity: layers.count)
        sizes.initialize(from: layers.map { Int32($0) }, count: layers.count)
        let count = bp_scratch_count(sizes, Int32(layers.count - 1), Int32(capacity))
        // Cache-line aligned, so that every row (a whole number of 16-lane blocks) is too.
        let raw = UnsafeMutableRawPointer.allocate(byteCount: max(count, 1) * MemoryLayout<Scalar>.stride, alignment: 64)
        scratch = raw.initializeMemory(as: Scalar.self, repeating: 0, count: max(count, 1))
        rows = .allocate(capacity: 2 * capacity)
        rows.initialize(repeating: nil, count: 2 * capacity)
        labels = .allocate(capacity: capacity)
        labels.initialize(repeating: 0, count: capacity)
    }

    deinit {
        sizes.deallocate()
        scratch.deallocate()
        rows.deallocate()
        labels.deallocate()
    }

    private var depth: Int32 { Int32(layers.count - 1) }

    /// a^L of the rows last pushed forward, row `row`.
    func output(row: Int) -> UnsafeBufferPointer<Scalar> {
        let start = scratch + bp_output_offset(sizes, depth, Int32(capacity))
            + row * Int(bp_row_stride(Int32(layers.last!)))
        return UnsafeBufferPointer(start: start, count: layers.last!)
    }

    /// Pushes `count` rows of `input` (row-major) forward.
    func forward(parameters: UnsafePointer<Scalar>, input: UnsafePointer<Scalar>, count: Int, cost: CostFunction) {
        precondition(count <= capacity)
        Scalar.kernels.forward(
            variant.kernel, sizes, depth, cost.kernel, parameters, input, Int32(count), scratch, Int32(capacity))
    }

    /// Backpropagation on the `count` rows in `rows` and `labels`: with `sgd`,
    /// the step by η/count under `rule` into `destination`, else the gradient
    /// of the mean cost. Returns the rows' summed cost, before the step.
    func step(
        parameters: UnsafePointer<Scalar>, count: Int, rule: bp_rule, eta: Double, sgd: Bool,
        destination: UnsafeMutablePointer<Scalar>
    ) -> Double {
        precondition(count <= capacity)
        return withUnsafePointer(to: rule) { rule in
            Scalar.kernels.step(
                variant.kernel, sizes, depth, rule, parameters, rows, labels, Int32(count), eta, sgd ? 1 : 0,
                destination, scratch, Int32(capacity))
        }
    }

    /// The summed cost over `count` rows of `input` and how many are classified correctly.
    func evaluate(
        parameters: UnsafePointer<Scalar>, input: UnsafePointer<Scalar>, labels: UnsafePointer<UInt8>, count: Int,
        cost costFunction: CostFunction
    ) -> (cost: Double, correct: Int) {
        var cost = 0.0
        var correct: Int64 = 0
        Scalar.kernels.evaluate(
            variant.kernel, sizes, depth, costFunction.kernel, parameters, input, labels, Int32(count), scratch,
            Int32(capacity), &cost, &correct)
        return (cost, Int(correct))
    }
}

extension Workspace where Scalar == Float {
    /// One epoch of SGD under `rule` over `order`; returns the summed cost
    /// of the examples, each measured before its mini-batch's step.
    func trainEpoch(
        parameters: UnsafeMutablePointer<Float>, pixels: UnsafePointer<Float>, labels: UnsafePointer<UInt8>,
        order: UnsafePointer<Int>, count: Int, batchSize: Int, eta: Double, rule: bp_rule
    ) -> Double {
        precondition(min(batchSize, count) <= capacity)
        return order.withMemoryRebound(to: Int64.self, capacity: count) { order in
            withUnsafePointer(to: rule) { rule in
                bp_train_epoch_f32(
                    variant.kernel, sizes, depth, rule, parameters, pixels, labels, order, Int64(count),
                    Int32(batchSize), eta, scratch, Int32(capacity), rows, self.labels)
            }
        }
    }
}

extension CostFunction {
    var kernel: bp_cost {
        switch self {
        case .quadratic: BP_COST_QUADRATIC
        case .crossEntropy: BP_COST_CROSS_ENTROPY
        case .logLikelihood: BP_COST_LOG_LIKELIHOOD
        }
    }
}

extension KernelVariant {
    var kernel: bp_variant {
        switch self {
        case .avx512: BP_VARIANT_AVX512
        case .avx2: BP_VARIANT_AVX2
        case .portable: BP_VARIANT_PORTABLE
        }
    }
}
