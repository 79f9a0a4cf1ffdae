import CBackprop

/// The run's source of randomness: xoshiro256** seeded through SplitMix64.
///
/// Written here rather than taken from the standard library because Swift
/// documents neither `SystemRandomNumberGenerator` as seedable nor the
/// algorithms behind `shuffle(using:)` and `random(in:using:)` as stable across
/// versions. A seed must mean the same weights and the same example order on
/// every machine and Swift version, so every step from the 64-bit seed to a
/// drawn weight or a shuffled index is defined in this file.
///
/// ```swift
/// var generator = RandomGenerator(seed: 1)
/// let weight = generator.nextNormal()          // N(0, 1)
/// generator.shuffle(&indices)                  // Fisher–Yates
/// ```
public struct RandomGenerator: RandomNumberGenerator, Sendable {
    private var state: (UInt64, UInt64, UInt64, UInt64)
    /// The second normal deviate of the last polar-method pair.
    private var spareNormal: Double?

    public init(seed: UInt64) {
        var splitMix = seed
        func nextSplitMix() -> UInt64 {
            splitMix &+= 0x9E37_79B9_7F4A_7C15
            var z = splitMix
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        state = (nextSplitMix(), nextSplitMix(), nextSplitMix(), nextSplitMix())
    }

    /// xoshiro256** (Blackman and Vigna, 2018).
    public mutating func next() -> UInt64 {
        let result = rotateLeft(state.1 &* 5, 7) &* 9
        let t = state.1 << 17
        state.2 ^= state.0
        state.3 ^= state.1
        state.1 ^= state.2
        state.0 ^= state.3
        state.2 ^= t
        state.3 = rotateLeft(state.3, 45)
        return result
    }

    /// Uniform in [0, 1) with 53 random bits.
    public mutating func nextUnitInterval() -> Double {
        Double(next() >> 11) * 0x1p-53
    }

    /// Uniform in 0..<bound, without modulo bias (Lemire's multiply-and-reject).
    public mutating func nextIndex(below bound: Int) -> Int {
        precondition(bound > 0, "bound must be positive")
        let range = UInt64(bound)
        var product = next().multipliedFullWidth(by: range)
        if product.low < range {
            let threshold = (0 &- range) % range
            while product.low < threshold {
                product = next().multipliedFullWidth(by: range)
            }
        }
        return Int(product.high)
    }

    /// A standard normal deviate by Marsaglia's polar method, which needs only
    /// a logarithm and `sqrt` (no `sin`/`cos`), in double precision.
    public mutating func nextNormal() -> Double {
        if let spare = spareNormal {
            spareNormal = nil
            return spare
        }
        while true {
            let u = 2 * nextUnitInterval() - 1
            let v = 2 * nextUnitInterval() - 1
            let s = u * u + v * v
            if s > 0 && s < 1 {
                let factor = (-2 * naturalLogarithm(s) / s).squareRoot()
                spareNormal = v * factor
                return u * factor
            }
        }
    }

    /// Fisher–Yates, from the last element down, in place.
    public mutating func shuffle<Element>(_ elements: inout [Element]) {
        guard elements.count > 1 else { return }
        for i in stride(from: elements.count - 1, to: 0, by: -1) {
            let j = nextIndex(below: i + 1)
            elements.swapAt(i, j)
        }
    }
}

/// ln x for a positive normal x, from IEEE operations alone, so that it
/// gives the same bits everywhere (libm's `log` may differ in the last bit
/// between platforms). The kernels' ln (natural_log.h), which the
/// cross-entropy and log-likelihood costs use too: fdlibm's reduction
/// x = (1 + f)·2^k with √½ ≤ 1 + f < √2, and with s = f/(2 + f),
/// ln(1 + f) = 2 atanh(s) = f − (f²/2 − s·(f²/2 + R)), R = 2s²/3 + 2s⁴/5 + …,
/// so that the exact f carries the result and the rounding errors only touch
/// the small correction.
func naturalLogarithm(_ x: Double) -> Double {
    precondition(x > 0 && x.isNormal && x.isFinite, "naturalLogarithm needs a positive normal number")
    return bp_natural_log(x)
}

extension RandomGenerator {
    /// Everything the next draws depend on, for a checkpoint: the four words
    /// of xoshiro256** and the spare normal deviate, if one is pending.
    struct State: Equatable, Sendable {
        var words: (UInt64, UInt64, UInt64, UInt64)
        var spareNormal: Double?

        static func == (a: State, b: State) -> Bool {
            a.words == b.words && a.spareNormal?.bitPattern == b.spareNormal?.bitPattern
        }
    }

    var savedState: State {
        get { State(words: state, spareNormal: spareNormal) }
        set { (state, spareNormal) = (newValue.words, newValue.spareNormal) }
    }
}

private func rotateLeft(_ x: UInt64, _ k: UInt64) -> UInt64 {
    (x << k) | (x >> (64 - k))
}
