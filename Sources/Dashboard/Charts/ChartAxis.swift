import Foundation

/// The smallest and largest value an axis must show.
///
/// Only values that can be drawn count: a NaN or an infinity has no
/// position, nor has a value ≤ 0 on a logarithmic axis, and letting one in
/// would stretch the axis over nothing (or make every position NaN).
struct ChartExtent {
    let scale: AxisScale
    private(set) var lower = Double.infinity
    private(set) var upper = -Double.infinity

    init(_ scale: AxisScale) {
        self.scale = scale
    }

    var isEmpty: Bool { lower > upper }

    @inline(__always)
    func isDrawable(_ value: Double) -> Bool {
        value.isFinite && (scale == .linear || value > 0)
    }

    @inline(__always)
    mutating func include(_ value: Double) {
        guard isDrawable(value) else { return }
        if value < lower { lower = value }
        if value > upper { upper = value }
    }
}

/// An axis's range, its ticks and their labels, and the map from values to
/// pixels.
struct ChartAxis {
    let scale: AxisScale
    /// The range shown, in data units: the data's, padded so that no point
    /// sits on the frame.
    let lower: Double
    let upper: Double
    let ticks: [Double]
    let labels: [String]
    /// A logarithmic axis's 2…9 × 10^k, as faint grid lines, where the
    /// labelled ticks are only powers of ten.
    let minorTicks: [Double]

    /// `tickCount` is a target: the step is the round one nearest to it.
    init(_ extent: ChartExtent, tickCount: Int) {
        scale = extent.scale
        let transform: (Double) -> Double = extent.scale == .logarithmic ? log10 : { $0 }
        var low: Double, high: Double
        if extent.isEmpty {
            // Nothing to show: 0…1, or 1…10 on a log axis, for the frame.
            (low, high) = (0, 1)
        } else {
            (low, high) = (transform(extent.lower), transform(extent.upper))
            let magnitude = Swift.max(abs(low), abs(high))
            if high - low <= magnitude * 1e-9 || !(high - low).isFinite {
                // All values equal (or too close to tell apart in a label):
                // a range around them, so that the line sits in the middle.
                let half = scale == .logarithmic ? 0.5 : (low == 0 ? 1 : abs(low) * 0.1)
                (low, high) = (low - half, high + half)
            } else {
                let padding = (high - low) * 0.04
                (low, high) = (low - padding, high + padding)
            }
        }
        if scale == .logarithmic {
            lower = Self.power(low)
            upper = Self.power(high)
            let decadeTicks = Self.logarithmicTicks(from: lower, to: upper)
            ticks = decadeTicks.count >= 2
                ? decadeTicks : Self.linearTicks(from: lower, to: upper, count: tickCount).filter { $0 > 0 }
            labels = ticks.map { Self.label($0, step: $0) }
            // Faint lines at 2…9 × 10^k, where the ticks are only powers of ten.
            let onlyPowers = decadeTicks.allSatisfy { abs(log10($0) - log10($0).rounded()) < 1e-9 }
            minorTicks = decadeTicks.count >= 2 && onlyPowers && high - low <= 6
                ? Self.minorLogarithmicTicks(from: lower, to: upper) : []
        } else {
            lower = low
            upper = high
            ticks = Self.linearTicks(from: lower, to: upper, count: tickCount)
            let step = ticks.count >= 2 ? ticks[1] - ticks[0] : Swift.max(abs(upper - lower), .leastNormalMagnitude)
            labels = ticks.map { Self.label($0, step: step) }
            minorTicks = []
        }
    }

    /// The pixel map `start + slope × t(value)`, with `t` the log for a
    /// logarithmic axis: its two numbers, worked out once per chart rather
    /// than per point.
    func mapping(from start: Double, to end: Double) -> (offset: Double, slope: Double) {
        let (low, high) = scale == .logarithmic ? (log10(lower), log10(upper)) : (lower, upper)
        let slope = (end - start) / (high - low)
        return (start - low * slope, slope)
    }

    // MARK: Ticks

    /// Ticks at multiples of 1, 2 or 5 × 10^k, about `count` of them: the
    /// step chosen as d3 and matplotlib do, and each tick computed as an
    /// integer over a power of ten so that 0.91 is 0.91, not 0.9100000000000001.
    static func linearTicks(from lower: Double, to upper: Double, count: Int) -> [Double] {
        guard lower.isFinite, upper.isFinite, upper > lower, count > 0 else { return [] }
        let rawStep = (upper - lower) / Double(count)
        let power = log10(rawStep).rounded(.down)
        let error = rawStep / pow(10, power)
        let factor: Double = error >= 50.squareRoot() ? 10 : error >= 10.squareRoot() ? 5 : error >= 2.squareRoot() ? 2 : 1
        if power >= 0 {
            let step = factor * pow(10, power)
            return multiples(from: lower / step, to: upper / step).map { $0 * step }
        } else {
            let inverse = pow(10, -power) / factor
            return multiples(from: lower * inverse, to: upper * inverse).map { $0 / inverse }
        }
    }

    private static func multiples(from lower: Double, to upper: Double) -> [Double] {
        let first = lower.rounded(.up), last = upper.rounded(.down)
        guard first <= last, last - first <= 1000, abs(first) < 1e15, abs(last) < 1e15 else { return [] }
        return (Int(first)...Int(last)).map(Double.init)
    }

    /// Powers of ten; with 2 and 5 between them when the range is under two
    /// decades or holds fewer than three powers, since two powers alone say
    /// little; over many decades, every second or third power, so labels do
    /// not collide.
    static func logarithmicTicks(from lower: Double, to upper: Double) -> [Double] {
        guard lower > 0, upper > lower, lower.isFinite, upper.isFinite else { return [] }
        let decades = log10(upper) - log10(lower)
        let powers = decades < 2 ? [] : logarithmicTicks(from: lower, to: upper, multipliers: [1], decades: decades)
        return powers.count >= 3 ? powers : logarithmicTicks(from: lower, to: upper, multipliers: [1, 2, 5], decades: decades)
    }

    private static func logarithmicTicks(from lower: Double, to upper: Double, multipliers: [Double], decades: Double) -> [Double] {
        let stride = Swift.max(1, Int((decades / 8).rounded(.up)))
        let first = Int(log10(lower).rounded(.down)), last = Int(log10(upper).rounded(.up))
        var ticks: [Double] = []
        for exponent in first...last where exponent % stride == 0 {
            for multiplier in multipliers {
                let tick = exponent >= 0 ? multiplier * pow(10, Double(exponent)) : multiplier / pow(10, Double(-exponent))
                if tick >= lower * (1 - 1e-12) && tick <= upper * (1 + 1e-12) { ticks.append(tick) }
            }
        }
        return ticks
    }

    private static func minorLogarithmicTicks(from lower: Double, to upper: Double) -> [Double] {
        let first = Int(log10(lower).rounded(.down)), last = Int(log10(upper).rounded(.up))
        var ticks: [Double] = []
        for exponent in first...last {
            for multiplier in 2...9 {
                let tick = exponent >= 0
                    ? Double(multiplier) * pow(10, Double(exponent)) : Double(multiplier) / pow(10, Double(-exponent))
                if tick > lower && tick < upper { ticks.append(tick) }
            }
        }
        return ticks
    }

    /// The shortest label that tells the ticks apart: `%g` with enough
    /// significant digits for the step, which writes 0.95, 10 and 0.001 as
    /// such and turns to exponents (1e-05) only for very small or large values.
    static func label(_ value: Double, step: Double) -> String {
        if value == 0 { return "0" }
        let digits = Int(log10(abs(value)).rounded(.down)) - Int(log10(abs(step)).rounded(.down)) + 1
        return String(format: "%.\(Swift.min(17, Swift.max(6, digits)))g", value)
    }

    private static func power(_ exponent: Double) -> Double { pow(10, exponent) }
}
