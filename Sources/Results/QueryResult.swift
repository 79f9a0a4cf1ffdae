/// Rows of an ad-hoc query, every value rendered as text: integers plain,
/// reals with full round-trip precision (`0.1`, `1e-05`), NULL as nil,
/// blobs as `x'0aff'`.
public struct QueryResult: Sendable, Equatable {
    public var columns: [String]
    public var rows: [[String?]]

    public init(columns: [String], rows: [[String?]]) {
        self.columns = columns
        self.rows = rows
    }
}
