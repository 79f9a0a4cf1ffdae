import CBackprop

/// The floating-point types a network can compute in: `Float` for training,
/// `Double` for the gradient check. Both run the same kernel source, compiled
/// once per type (Sources/CBackprop/kernels.inc), so the check in double
/// precision verifies the very code that trains in single.
public protocol NetworkScalar: BinaryFloatingPoint, Sendable {
    /// The kernels compiled for this type.
    static var kernels: ScalarKernels<Self> { get }
}

/// Entry points into the C kernels for one scalar type; see cbackprop.h for
/// what each computes.
public struct ScalarKernels<Scalar>: Sendable {
    typealias Forward = @Sendable (
        _ variant: bp_variant, _ sizes: UnsafePointer<Int32>, _ depth: Int32, _ cost: bp_cost,
        _ parameters: UnsafePointer<Scalar>, _ input: UnsafePointer<Scalar>, _ count: Int32,
        _ scratch: UnsafeMutablePointer<Scalar>, _ capacity: Int32
    ) -> Void
    typealias Step = @Sendable (
        _ variant: bp_variant, _ sizes: UnsafePointer<Int32>, _ depth: Int32, _ rule: UnsafePointer<bp_rule>,
        _ parameters: UnsafePointer<Scalar>, _ inputs: UnsafePointer<UnsafePointer<Scalar>?>,
        _ labels: UnsafePointer<UInt8>, _ count: Int32, _ eta: Double, _ sgd: Int32,
        _ destination: UnsafeMutablePointer<Scalar>, _ scratch: UnsafeMutablePointer<Scalar>, _ capacity: Int32
    ) -> Double
    typealias Evaluate = @Sendable (
        _ variant: bp_variant, _ sizes: UnsafePointer<Int32>, _ depth: Int32, _ costFunction: bp_cost,
        _ parameters: UnsafePointer<Scalar>, _ input: UnsafePointer<Scalar>, _ labels: UnsafePointer<UInt8>,
        _ count: Int32, _ scratch: UnsafeMutablePointer<Scalar>, _ capacity: Int32,
        _ cost: UnsafeMutablePointer<Double>, _ correct: UnsafeMutablePointer<Int64>
    ) -> Void
    typealias Sigmoid = @Sendable (
        _ variant: bp_variant, _ z: UnsafePointer<Scalar>, _ a: UnsafeMutablePointer<Scalar>, _ count: Int32
    ) -> Void

    let forward: Forward
    let step: Step
    let evaluate: Evaluate
    let sigmoid: Sigmoid
}

extension Float: NetworkScalar {
    public static let kernels = ScalarKernels<Float>(
        forward: { bp_forward_f32($0, $1, $2, $3, $4, $5, $6, $7, $8) },
        step: { bp_step_f32($0, $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) },
        evaluate: { bp_evaluate_f32($0, $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) },
        sigmoid: { bp_sigmoid_f32($0, $1, $2, $3) })
}

extension Double: NetworkScalar {
    public static let kernels = ScalarKernels<Double>(
        forward: { bp_forward_f64($0, $1, $2, $3, $4, $5, $6, $7, $8) },
        step: { bp_step_f64($0, $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) },
        evaluate: { bp_evaluate_f64($0, $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) },
        sigmoid: { bp_sigmoid_f64($0, $1, $2, $3) })
}

/// σ(z) = 1 / (1 + e^(−z)) of each value, exactly as the kernels compute it.
func sigmoid<Scalar: NetworkScalar>(_ z: [Scalar], kernels: KernelVariant) -> [Scalar] {
    var a = [Scalar](repeating: 0, count: z.count)
    a.withUnsafeMutableBufferPointer { a in
        z.withUnsafeBufferPointer { z in
            Scalar.kernels.sigmoid(kernels.kernel, z.baseAddress!, a.baseAddress!, Int32(z.count))
        }
    }
    return a
}
