/// Rows of an ad-hoc query, every value rendered as text: integers plain,
/// reals with full round-trip precision (`0.1`, `1e-05`), NULL as nil,
/// blobs as `x'0aff'`.
public struct QueryResult: Sendable, Equatable {
    public var columns: [String]
    public var rows: [[String?]]
    /// Whether the query had more rows than its ``QueryLimits/rowLimit``,
    /// which are not in `rows`.
    public var truncated: Bool

    public init(columns: [String], rows: [[String?]], truncated: Bool = false) {
        self.columns = columns
        self.rows = rows
        self.truncated = truncated
    }
}

/// Bounds on an ad-hoc query, for a console that anyone with the page can type into.
///
/// ```swift
/// let result = try results.query("SELECT * FROM epochs", arguments: [:],
///                                 limits: QueryLimits(rowLimit: 10_000, timeLimit: 5))
/// if result.truncated { print("showing the first 10,000 rows") }
/// ```
public struct QueryLimits: Sendable, Equatable {
    /// The most rows returned; the query stops reading after one more.
    public var rowLimit: Int?
    /// Seconds after which the query is cancelled, with an input error.
    public var timeLimit: Double?

    public init(rowLimit: Int? = nil, timeLimit: Double? = nil) {
        self.rowLimit = rowLimit
        self.timeLimit = timeLimit
    }

    /// No limit: what the command line's `runner query` runs with.
    public static let none = QueryLimits()
}
