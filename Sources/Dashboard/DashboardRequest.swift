import Foundation

/// A request as the dashboard sees it, apart from any HTTP server: the
/// server turns its own requests into these, and tests build them directly.
public struct DashboardRequest: Sendable {
    public var method: String
    /// The path, percent-decoded, without the query: `/api/experiments/eta`.
    public var path: String
    /// The query's items in order, decoded; a name may repeat (`c=…&c=…`).
    public var query: [(name: String, value: String)]
    /// Header names in lower case.
    public var headers: [String: String]
    public var body: Data

    public init(method: String = "GET", path: String, query: [(name: String, value: String)] = [],
                headers: [String: String] = [:], body: Data = Data()) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = Dictionary(headers.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { _, last in last })
        self.body = body
    }

    /// The first value of a query item.
    public func parameter(_ name: String) -> String? {
        query.first { $0.name == name }?.value
    }

    /// Every value of a query item, in order.
    public func parameters(_ name: String) -> [String] {
        query.filter { $0.name == name }.map(\.value)
    }
}
