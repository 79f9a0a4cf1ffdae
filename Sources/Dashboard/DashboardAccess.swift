import Foundation

/// Who may talk to the dashboard: requests must name, in their Host header,
/// a host the server is bound to (so a page on another site that rebinds
/// its own name to 127.0.0.1 is refused), and, when the server listens
/// beyond loopback, carry its token, as Jupyter's do.
public struct DashboardAccess: Sendable, Equatable {
    /// The host names a request's Host header may give, lower case, without the port.
    public var hosts: Set<String>
    public var port: Int
    /// Required of every request when set: as `?token=` (which sets a
    /// cookie for the requests that follow) or as the `runner_token` cookie.
    public var token: String?

    public init(hosts: Set<String>, port: Int, token: String?) {
        self.hosts = Set(hosts.map { $0.lowercased() })
        self.port = port
        self.token = token
    }

    /// The names a server bound to `host` answers to: a loopback server
    /// also to `localhost` and the other loopback spellings; any other
    /// only to the name or address it was given.
    public static func names(boundTo host: String) -> Set<String> {
        let host = host.lowercased()
        if isLoopback(host) { return ["127.0.0.1", "localhost", "::1", "[::1]"] }
        return host.contains(":") && !host.hasPrefix("[") ? [host, "[\(host)]"] : [host]
    }

    public static func isLoopback(_ host: String) -> Bool {
        ["127.0.0.1", "localhost", "::1", "[::1]"].contains(host.lowercased()) || host.hasPrefix("127.")
    }

    /// Why the request is refused, as a status and a message; nil when it may pass.
    func refusal(of request: DashboardRequest) -> (status: Int, message: String)? {
        guard let header = request.headers["host"], !header.isEmpty else {
            return (400, "a Host header is required")
        }
        let name = Self.hostName(of: header)
        guard hosts.contains(name) else {
            return (421, "host \(header) is not a name this server is bound to")
        }
        if let token, !carriesToken(request, token) {
            return (403, "this server needs its token: open the URL it printed, with ?token=")
        }
        return nil
    }

    private func carriesToken(_ request: DashboardRequest, _ token: String) -> Bool {
        if request.parameter("token") == token { return true }
        let cookies = (request.headers["cookie"] ?? "").split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        return cookies.contains("runner_token=\(token)")
    }

    /// `localhost:8080` → `localhost`; `[::1]:8080` → `[::1]`.
    static func hostName(of header: String) -> String {
        let header = header.lowercased()
        if header.hasPrefix("["), let close = header.firstIndex(of: "]") {
            return String(header[...close])
        }
        if header.filter({ $0 == ":" }).count == 1, let colon = header.firstIndex(of: ":") {
            return String(header[..<colon])
        }
        return header
    }
}
