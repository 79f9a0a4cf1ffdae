import CBackprop
import Foundation

/// One implementation of the training kernels. Every variant sums in the same
/// order and fuses multiply-adds in the same places, so all of them give the
/// same bits; they differ only in speed and in the CPUs that run them.
///
/// ```swift
/// let variant = try KernelVariant.selected()   // RUNNER_KERNELS, or the widest this CPU runs
/// print(variant.rawValue)                      // "avx512"
/// ```
public enum KernelVariant: String, CaseIterable, Sendable {
    /// 16-lane AVX-512 vectors.
    case avx512
    /// 8-lane AVX2 vectors with FMA3.
    case avx2
    /// Plain C with `fma`, for any CPU (arm64 included).
    case portable

    /// The environment variable that forces a variant.
    public static let environmentVariable = "RUNNER_KERNELS"

    /// Whether a CPU with these features runs this variant.
    public func runs(on cpu: CPUFeatures) -> Bool {
        switch self {
        case .avx512: cpu.avx512
        case .avx2: cpu.avx2
        case .portable: true
        }
    }

    /// What trains when the caller names no variant: ``selected(environment:cpu:)``
    /// when `RUNNER_KERNELS` is valid, else the widest this CPU runs. All
    /// variants give the same bits, so this choice only changes speed; a caller
    /// that must refuse a bad `RUNNER_KERNELS` calls ``selected(environment:cpu:)`` first.
    public static let `default`: KernelVariant = (try? selected()) ?? widest(for: .host)

    /// The widest variant the CPU runs.
    public static func widest(for cpu: CPUFeatures) -> KernelVariant {
        allCases.first { $0.runs(on: cpu) }!
    }

    /// The variant named by `RUNNER_KERNELS`, or else the widest this CPU runs.
    ///
    /// - Throws: ``KernelSelectionError`` for a name that is no variant, or a
    ///   variant this CPU cannot run.
    public static func selected(
        environment: [String: String] = ProcessInfo.processInfo.environment, cpu: CPUFeatures = .host
    ) throws -> KernelVariant {
        guard let name = environment[environmentVariable] else { return widest(for: cpu) }
        guard let variant = KernelVariant(rawValue: name) else {
            let names = allCases.map(\.rawValue).joined(separator: ", ")
            throw KernelSelectionError(message: "\(environmentVariable)=\(name) names no kernels; choose one of \(names)")
        }
        guard variant.runs(on: cpu) else {
            let usable = allCases.filter { $0.runs(on: cpu) }.map(\.rawValue).joined(separator: ", ")
            throw KernelSelectionError(
                message: "\(environmentVariable)=\(name): this CPU cannot run the \(name) kernels; it runs \(usable)")
        }
        return variant
    }
}

/// The instruction sets a CPU offers, as far as the kernels care.
public struct CPUFeatures: Sendable, Equatable {
    /// AVX-512 Foundation, enabled by the operating system.
    public var avx512: Bool
    /// AVX2 and FMA3, enabled by the operating system.
    public var avx2: Bool

    public init(avx512: Bool, avx2: Bool) {
        self.avx512 = avx512
        self.avx2 = avx2
    }

    /// This machine's CPU, from cpuid and xgetbv (none of them off x86).
    public static let host: CPUFeatures = {
        let bits = bp_cpu_features()
        return CPUFeatures(
            avx512: bits & UInt32(BP_CPU_AVX512F) != 0,
            avx2: bits & UInt32(BP_CPU_AVX2_FMA) != 0)
    }()
}

/// `RUNNER_KERNELS` names no variant, or one this CPU cannot run.
public struct KernelSelectionError: Error, CustomStringConvertible, Equatable {
    public let message: String
    public var description: String { message }

    public init(message: String) {
        self.message = message
    }
}
