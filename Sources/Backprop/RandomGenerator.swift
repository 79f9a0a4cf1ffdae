#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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
    /// `log` and `sqrt` (no `sin`/`cos`), in double precision.
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
                let factor = (-2 * log(s) / s).squareRoot()
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

private func rotateLeft(_ x: UInt64, _ k: UInt64) -> UInt64 {
    (x << k) | (x >> (64 - k))
}
