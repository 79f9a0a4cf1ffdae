import Backprop
import Datasets

/// How an experiment's sampled points are drawn (`sampler:`).
public enum Sampler: String, CaseIterable, Sendable {
    /// Independent uniform draws, from a generator seeded per point.
    case random
    /// The Sobol sequence, one dimension per sampled key.
    case sobol
}

/// A key of `sample`: a grid key, or `hidden`, the size of the single
/// hidden layer of the experiment's `layers`.
enum SampledKey: Hashable {
    case setting(GridKey)
    case hidden

    static let hiddenName = "hidden"

    init?(name: String) {
        if let key = GridKey(rawValue: name) {
            self = .setting(key)
        } else if name == Self.hiddenName {
            self = .hidden
        } else {
            return nil
        }
    }

    var name: String {
        switch self {
        case let .setting(key): key.rawValue
        case .hidden: Self.hiddenName
        }
    }

    /// Every key of `sample`, as errors list them.
    static let names = GridKey.allCases.map(\.rawValue) + [hiddenName]
}

/// What a sampled key's values are drawn from.
enum Distribution: Equatable {
    /// Uniform on [lo, hi), rounded.
    case uniform(Double, Double)
    /// ln of the value uniform on [ln lo, ln hi), rounded.
    case logUniform(Double, Double)
    /// Each integer of lo … hi equally likely.
    case intUniform(Int, Int)
    /// Each value equally likely.
    case choice([SettingValue])

    /// The names in `sample`, a public contract like the keys.
    static let names = ["uniform", "log_uniform", "int_uniform", "choice"]

    /// The value for a draw: `fraction` is uniform on [0, 2^64), standing for fraction / 2^64.
    func value(_ fraction: UInt64) -> SettingValue {
        switch self {
        case let .uniform(lo, hi):
            return .number(Self.rounded(lo + Self.unit(fraction) * (hi - lo), lo, hi))
        case let .logUniform(lo, hi):
            let (a, b) = (PortableMath.ln(lo), PortableMath.ln(hi))
            return .number(Self.rounded(PortableMath.exp(a + Self.unit(fraction) * (b - a)), lo, hi))
        case let .intUniform(lo, hi):
            return .integer(lo + Int(Self.index(fraction, count: UInt64(hi - lo) + 1)))
        case let .choice(values):
            return values[Int(Self.index(fraction, count: UInt64(values.count)))]
        }
    }

    /// The top 53 bits as a Double in [0, 1), exactly.
    private static func unit(_ fraction: UInt64) -> Double {
        Double(fraction >> 11) * 0x1p-53
    }

    /// ⌊fraction · count / 2^64⌋ in integers: below `count`.
    private static func index(_ fraction: UInt64, count: UInt64) -> UInt64 {
        fraction.multipliedFullWidth(by: count).high
    }

    /// Rounding may step just past an end the file wrote with more digits;
    /// the end, valid for the key, is taken then.
    private static func rounded(_ x: Double, _ lo: Double, _ hi: Double) -> Double {
        min(max(DecimalRounding.round(x), lo), hi)
    }
}

/// One `KEY: {DISTRIBUTION: …}` of `sample`.
struct SampleDeclaration {
    let key: SampledKey
    let distribution: Distribution
}

/// An experiment's sampled points: `samples` of them, each a value for every
/// declared key, which expand like one more grid key inside the grid's.
///
/// Point i depends only on the sampler, the seed, the declarations (their
/// order included) and i, so raising `samples` keeps the earlier points.
struct Sampling {
    var declarations: [SampleDeclaration]
    var count: Int
    var sampler: Sampler
    var seed: UInt64
    /// The input and output sizes of `layers`, around a sampled `hidden`.
    var layerEnds: (input: Int, output: Int)?

    static let maximumCount = 100_000

    /// `sampler_seed` when the file has none: the first 8 bytes of the
    /// SHA-256 of the experiment's `name` (UTF-8), big-endian.
    static func defaultSeed(name: String) -> UInt64 {
        UInt64(Checksum.sha256Hex(of: Array(name.utf8)).prefix(16), radix: 16)!
    }

    func points() -> [[GridKey: SettingValue]] {
        let sobol = sampler == .sobol ? SobolSequence(dimensions: declarations.count) : nil
        return (0..<count).map { index in
            let fractions = sobol.map { $0.fractions(at: index).map { UInt64($0) << 32 } } ?? randomFractions(at: index)
            var point: [GridKey: SettingValue] = [:]
            for (declaration, fraction) in zip(declarations, fractions) {
                switch declaration.key {
                case let .setting(key):
                    point[key] = declaration.distribution.value(fraction)
                case .hidden:
                    guard let ends = layerEnds, let size = declaration.distribution.value(fraction).integer
                    else { preconditionFailure("validation passed a hidden layer without layers") }
                    point[.layers] = .layers([ends.input, size, ends.output])
                }
            }
            return point
        }
    }

    /// One 64-bit draw per key, in declaration order, from a generator of
    /// this point's own: seeded with a mix of the seed and the index, so that
    /// neighbouring points' streams share nothing.
    private func randomFractions(at index: Int) -> [UInt64] {
        var generator = RandomGenerator(seed: Self.mix(seed ^ Self.mix(UInt64(index) &+ 0x9E37_79B9_7F4A_7C15)))
        return declarations.map { _ in generator.next() }
    }

    /// SplitMix64's finaliser (Steele, Lea and Flood, 2014).
    private static func mix(_ x: UInt64) -> UInt64 {
        var z = x
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
