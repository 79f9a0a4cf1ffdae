/// The Sobol low-discrepancy sequence in up to 10 dimensions, with Joe and
/// Kuo's direction numbers, each point computed from its index alone.
///
/// Points are taken in Gray-code order, as Joe and Kuo's own generator
/// takes them, and the all-zeros point that starts the sequence is skipped:
/// `point(at: 0)` is the sequence's second point, (0.5, 0.5, …), whose
/// coordinates are the middle of each range rather than its lower ends.
///
/// ```swift
/// let sobol = SobolSequence(dimensions: 2)
/// sobol.point(at: 0)  // [0.5, 0.5]
/// sobol.point(at: 1)  // [0.75, 0.25]
/// sobol.point(at: 2)  // [0.25, 0.75]
/// ```
public struct SobolSequence: Sendable {
    /// The dimensions the table below has direction numbers for.
    public static let maximumDimensions = 10
    /// Every coordinate is a 32-bit binary fraction, so this many points are distinct.
    public static let maximumPoints = Int(UInt32.max)

    /// Joe and Kuo (2008), "Constructing Sobol sequences with better
    /// two-dimensional projections", SIAM J. Sci. Comput. 30, 2635–2654: the
    /// file `new-joe-kuo-6.21201`, dimensions 2 to 10 (dimension 1 is the van
    /// der Corput sequence in base 2 and has no row). Each row: the degree s
    /// of the primitive polynomial, its coefficients a, and the initial
    /// direction numbers m_1 … m_s.
    private static let joeKuo: [(s: Int, a: UInt32, m: [UInt32])] = [
        (1, 0, [1]),
        (2, 1, [1, 3]),
        (3, 1, [1, 3, 1]),
        (3, 2, [1, 1, 1]),
        (4, 1, [1, 1, 3, 3]),
        (4, 4, [1, 3, 5, 13]),
        (5, 2, [1, 1, 5, 5, 17]),
        (5, 4, [1, 1, 5, 5, 5]),
        (5, 7, [1, 1, 7, 11, 19]),
    ]

    public let dimensions: Int
    /// `directions[d][k]`: the direction number v_(k+1) of dimension d + 1, as a 32-bit fraction.
    private let directions: [[UInt32]]

    public init(dimensions: Int) {
        precondition((1...Self.maximumDimensions).contains(dimensions), "Sobol dimensions must be 1 to 10")
        self.dimensions = dimensions
        var directions = [(0..<32).map { UInt32(1) << (31 - $0) }]
        for row in Self.joeKuo.prefix(dimensions - 1) {
            var v = [UInt32](repeating: 0, count: 32)
            for k in 0..<row.s {
                v[k] = row.m[k] << (31 - k)
            }
            // Bratley and Fox's recurrence, as in Joe and Kuo's sobol.cc.
            for k in row.s..<32 {
                v[k] = v[k - row.s] ^ (v[k - row.s] >> row.s)
                for j in 1..<row.s where (row.a >> (row.s - 1 - j)) & 1 == 1 {
                    v[k] ^= v[k - j]
                }
            }
            directions.append(v)
        }
        self.directions = directions
    }

    /// The coordinates of point `index` (0-based, after the skipped origin)
    /// as 32-bit fractions: coordinate c stands for c / 2^32.
    public func fractions(at index: Int) -> [UInt32] {
        precondition(index >= 0 && index < Self.maximumPoints, "Sobol index out of range")
        let n = UInt64(index) + 1
        let gray = n ^ (n >> 1)
        return directions.map { v in
            var x: UInt32 = 0
            for bit in 0..<32 where (gray >> UInt64(bit)) & 1 == 1 {
                x ^= v[bit]
            }
            return x
        }
    }

    /// The coordinates of point `index`, each in (0, 1).
    public func point(at index: Int) -> [Double] {
        fractions(at: index).map { Double($0) * 0x1p-32 }
    }
}
