import COpenBLAS
import Foundation

/// OpenBLAS, loaded when first used, with its kernels chosen by us.
///
/// OpenBLAS picks its kernels when the library loads, from `OPENBLAS_CORETYPE`
/// or else from the CPU model. Debian's 0.3.21 does not know recent CPU models
/// (Sapphire Rapids among them) and falls back to its SSE3 "Prescott" kernels,
/// which train [784, 30, 10] 3.4 times slower than its AVX-512 "SkylakeX"
/// ones on the same machine. So unless the user set `OPENBLAS_CORETYPE`, we
/// name the kernel family from the instruction sets the CPU reports, then
/// load the library. That also makes a run's numbers the same on every CPU
/// with the same instruction sets, whatever its model.
///
/// Sweeps parallelise across runs, so OpenBLAS runs on the calling thread
/// only (`OPENBLAS_NUM_THREADS=1`).
struct OpenBLAS: Sendable {
    typealias SGEMM = @convention(c) (
        CBLAS_ORDER, CBLAS_TRANSPOSE, CBLAS_TRANSPOSE, blasint, blasint, blasint,
        Float, UnsafePointer<Float>?, blasint, UnsafePointer<Float>?, blasint,
        Float, UnsafeMutablePointer<Float>?, blasint) -> Void
    typealias DGEMM = @convention(c) (
        CBLAS_ORDER, CBLAS_TRANSPOSE, CBLAS_TRANSPOSE, blasint, blasint, blasint,
        Double, UnsafePointer<Double>?, blasint, UnsafePointer<Double>?, blasint,
        Double, UnsafeMutablePointer<Double>?, blasint) -> Void
    typealias CoreName = @convention(c) () -> UnsafeMutablePointer<CChar>?

    let sgemm: SGEMM
    let dgemm: DGEMM
    /// The kernel family in use, e.g. `SkylakeX`.
    let coreName: String

    static let shared: OpenBLAS = {
        let library = "libopenblas.so.0"
        if ProcessInfo.processInfo.environment["OPENBLAS_CORETYPE"] == nil, let core = kernelFamily() {
            setenv("OPENBLAS_CORETYPE", core, 1)
        }
        setenv("OPENBLAS_NUM_THREADS", "1", 1)
        guard let handle = dlopen(library, RTLD_NOW | RTLD_LOCAL) else {
            fatalError("cannot load \(library): \(String(cString: dlerror())); install OpenBLAS (Debian: apt-get install libopenblas-dev)")
        }
        func symbol<T>(_ name: String, as type: T.Type) -> T {
            guard let address = dlsym(handle, name) else { fatalError("\(library) has no \(name)") }
            return unsafeBitCast(address, to: type)
        }
        let coreName = symbol("openblas_get_corename", as: CoreName.self)().map { String(cString: $0) } ?? "unknown"
        return OpenBLAS(
            sgemm: symbol("cblas_sgemm", as: SGEMM.self), dgemm: symbol("cblas_dgemm", as: DGEMM.self),
            coreName: coreName)
    }()

    /// OpenBLAS's name for the widest kernels the CPU runs, from the flags
    /// Linux lists in /proc/cpuinfo; nil leaves the choice to OpenBLAS.
    static func kernelFamily(cpuInfo: String? = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) -> String? {
        guard let cpuInfo,
            let flagsLine = cpuInfo.split(separator: "\n").first(where: { $0.hasPrefix("flags") })
        else { return nil }
        let flags = Set(flagsLine.split(separator: " ").map(String.init))
        if flags.isSuperset(of: ["avx512f", "avx512bw", "avx512dq", "avx512vl", "avx512cd"]) { return "SkylakeX" }
        if flags.isSuperset(of: ["avx2", "fma"]) { return "Haswell" }
        return nil
    }
}

/// Which BLAS trains, for benchmark reports: `OpenBLAS SkylakeX`.
public var blasDescription: String { "OpenBLAS \(OpenBLAS.shared.coreName)" }
