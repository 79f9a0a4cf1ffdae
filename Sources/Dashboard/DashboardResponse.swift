import Foundation

/// What the dashboard answers: a status, a body and its type.
public struct DashboardResponse: Sendable {
    public var status: Int
    public var contentType: String
    public var headers: [String: String]
    public var body: Data

    public init(status: Int = 200, contentType: String, headers: [String: String] = [:], body: Data) {
        self.status = status
        self.contentType = contentType
        self.headers = headers
        self.body = body
    }

    public var text: String { String(decoding: body, as: UTF8.self) }

    /// JSON with the keys the types' CodingKeys give, snake_case as the
    /// results' columns: spelled out, since converting every key as it is
    /// written takes 40% of the time of an experiment of 2,500 configurations.
    static func json(_ value: some Encodable, status: Int = 200) -> DashboardResponse {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        do {
            return DashboardResponse(status: status, contentType: "application/json; charset=utf-8", body: try encoder.encode(value))
        } catch {
            return .error(500, "cannot encode the answer: \(error)")
        }
    }

    /// An error as `{"error": "…"}`, which the page shows as text.
    static func error(_ status: Int, _ message: String) -> DashboardResponse {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .withoutEscapingSlashes
        let body = (try? encoder.encode(["error": message])) ?? Data("{}".utf8)
        return DashboardResponse(status: status, contentType: "application/json; charset=utf-8", body: body)
    }

    static func svg(_ text: String) -> DashboardResponse {
        DashboardResponse(contentType: "image/svg+xml; charset=utf-8", body: Data(text.utf8))
    }
}
