import CBackprop

/// ln and e^x with the same bits on every machine: the kernels' own, for
/// code outside them that must not depend on libm, whose last bit differs
/// between platforms (drawing an experiment's sampled points, for one).
///
/// ```swift
/// let x = PortableMath.exp(PortableMath.ln(0.001) + 0.5 * (PortableMath.ln(1) - PortableMath.ln(0.001)))
/// ```
public enum PortableMath {
    /// ln x for a positive normal x, as the cross-entropy and log-likelihood costs compute it.
    public static func ln(_ x: Double) -> Double {
        naturalLogarithm(x)
    }

    /// e^x as σ and the softmax compute it: within a few ulps of the true
    /// value for x in [−708, 708]; x outside is clamped there.
    public static func exp(_ x: Double) -> Double {
        bp_exp(x)
    }
}
