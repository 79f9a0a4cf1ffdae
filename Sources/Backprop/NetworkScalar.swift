import COpenBLAS

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The floating-point types a network can compute in: `Float` for training,
/// `Double` for the gradient check. Both go through the same code, so the
/// check in double precision verifies the very kernels that train in single.
public protocol NetworkScalar: BinaryFloatingPoint, Sendable {
    /// C ← alpha · op(A) · op(B) + beta · C, row-major, through BLAS.
    static func gemm(
        transposeA: Bool, transposeB: Bool, rows: Int, columns: Int, inner: Int,
        alpha: Self, a: UnsafePointer<Self>, lda: Int,
        b: UnsafePointer<Self>, ldb: Int,
        beta: Self, c: UnsafeMutablePointer<Self>, ldc: Int)
    static func exponential(_ x: Self) -> Self
}

extension Float: NetworkScalar {
    @inline(__always)
    public static func gemm(
        transposeA: Bool, transposeB: Bool, rows: Int, columns: Int, inner: Int,
        alpha: Float, a: UnsafePointer<Float>, lda: Int,
        b: UnsafePointer<Float>, ldb: Int,
        beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int
    ) {
        OpenBLAS.shared.sgemm(
            CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
            blasInt(rows), blasInt(columns), blasInt(inner),
            alpha, a, blasInt(lda), b, blasInt(ldb), beta, c, blasInt(ldc))
    }

    @inline(__always)
    public static func exponential(_ x: Float) -> Float { expf(x) }
}

extension Double: NetworkScalar {
    @inline(__always)
    public static func gemm(
        transposeA: Bool, transposeB: Bool, rows: Int, columns: Int, inner: Int,
        alpha: Double, a: UnsafePointer<Double>, lda: Int,
        b: UnsafePointer<Double>, ldb: Int,
        beta: Double, c: UnsafeMutablePointer<Double>, ldc: Int
    ) {
        OpenBLAS.shared.dgemm(
            CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
            blasInt(rows), blasInt(columns), blasInt(inner),
            alpha, a, blasInt(lda), b, blasInt(ldb), beta, c, blasInt(ldc))
    }

    @inline(__always)
    public static func exponential(_ x: Double) -> Double { exp(x) }
}

@inline(__always)
private func blasInt(_ value: Int) -> blasint { blasint(truncatingIfNeeded: value) }
