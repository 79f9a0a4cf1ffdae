/// Rounding of sampled reals to a few significant decimal digits, exactly.
///
/// The digits are those of Swift's shortest round-trip text for the Double
/// (the same on every platform, and what the canonical JSON prints), rounded
/// half to even as decimal digits; the result is the Double nearest that
/// decimal, the one a file that wrote it would give. So a sampled η prints
/// as `0.03162`, and a run with it has the config_hash of a grid listing
/// `eta: [0.03162]`.
enum DecimalRounding {
    static let significantDigits = 4

    /// Exact powers of ten: every one up to 10^22 is a Double.
    private static let powersOfTen: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ]

    /// `x` rounded to `digits` significant digits; finite `x` only.
    static func round(_ x: Double, digits: Int = significantDigits) -> Double {
        precondition(x.isFinite, "only finite values are rounded")
        guard x != 0 else { return 0 }
        let (digitText, exponent) = decimal(of: x.magnitude)
        var kept = Int(digitText.prefix(digits))!
        var scale = exponent + max(0, digitText.count - digits)
        if digitText.count > digits {
            let rest = Array(digitText.dropFirst(digits))
            let first = rest[0]
            let beyondHalf = rest.dropFirst().contains { $0 != "0" }
            if first > "5" || (first == "5" && (beyondHalf || kept % 2 == 1)) {
                kept += 1
            }
            if kept == Int(pow10: digits) {
                kept /= 10
                scale += 1
            }
        } else {
            let padding = digits - digitText.count
            kept *= Int(pow10: padding)
            scale -= padding
        }
        let magnitude: Double
        if scale >= 0, scale < powersOfTen.count {
            magnitude = Double(kept) * powersOfTen[scale]
        } else if scale < 0, -scale < powersOfTen.count {
            magnitude = Double(kept) / powersOfTen[-scale]
        } else {
            // Beyond the exact powers, the correctly rounded decimal conversion.
            magnitude = Double("\(kept)e\(scale)")!
        }
        return x < 0 ? -magnitude : magnitude
    }

    /// The significant digits of `x`'s shortest text (no leading zeros) and
    /// the power of ten of the last: 0.0316 is ("316", -4).
    private static func decimal(of x: Double) -> (digits: String, exponent: Int) {
        let text = x.description
        let parts = text.split(separator: "e", maxSplits: 1)
        var exponent = parts.count == 2 ? Int(parts[1])! : 0
        let mantissa = parts[0].split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        var digits = String(mantissa[0])
        if mantissa.count == 2 {
            digits += mantissa[1]
            exponent -= mantissa[1].count
        }
        let significant = digits.drop { $0 == "0" }
        let trailingZeros = significant.reversed().prefix { $0 == "0" }.count
        return (String(significant.dropLast(trailingZeros)), exponent + trailingZeros)
    }
}

extension Int {
    fileprivate init(pow10 n: Int) {
        self = (0..<n).reduce(1) { value, _ in value * 10 }
    }
}
