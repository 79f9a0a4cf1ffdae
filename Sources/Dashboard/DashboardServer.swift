import FlyingFox
import FlyingSocks
import Foundation

/// The dashboard on an HTTP server (FlyingFox): listens on a host and port,
/// turns each request into a ``DashboardRequest`` and answers it off the
/// server's own threads, so that a slow query never holds up the sockets.
///
/// ```swift
/// let server = try DashboardServer(dashboard: dashboard, host: "127.0.0.1", port: 8080)
/// let port = try await server.start()
/// ```
public final class DashboardServer: Sendable {
    let dashboard: Dashboard
    let server: HTTPServer
    /// The largest request body read, in bytes: the console's SQL is the only body.
    let bodyLimit: Int

    /// Work for the dashboard, apart from the server's cooperative threads.
    private static let work = DispatchQueue(label: "Dashboard", qos: .userInitiated, attributes: .concurrent)

    public init(dashboard: Dashboard, host: String, port: UInt16) throws {
        self.dashboard = dashboard
        self.bodyLimit = dashboard.console.sqlLimit + 1024
        let address: any SocketAddress = host.contains(":")
            ? try sockaddr_in6.inet6(ip6: host == "::1" || host == "[::1]" ? "::1" : host.trimmingCharacters(in: CharacterSet(charactersIn: "[]")), port: port)
            : try sockaddr_in.inet(ip4: host == "localhost" ? "127.0.0.1" : host, port: port)
        server = HTTPServer(address: address, timeout: 15, logger: .disabled, handler: Handler(dashboard: dashboard, bodyLimit: bodyLimit))
    }

    /// Starts serving; returns the port it listens on (the one asked for,
    /// or the one the system chose for port 0) once it accepts connections.
    public func start() async throws -> Int {
        let task = Task { try await server.run() }
        try await server.waitUntilListening(timeout: 10)
        guard let address = await server.listeningAddress else {
            task.cancel()
            throw DashboardServerError(message: "the server did not start listening")
        }
        switch address {
        case let .ip4(_, port), let .ip6(_, port): return Int(port)
        default: return 0
        }
    }

    /// Stops listening and closes the connections.
    public func stop() async {
        await server.stop(timeout: 1)
    }

    static func answer(_ request: HTTPRequest, dashboard: Dashboard, bodyLimit: Int) async -> HTTPResponse {
        let length = request.headers[.contentLength].flatMap(Int.init) ?? 0
        if length > bodyLimit {
            return Self.response(DashboardResponse.error(413, "the request body is \(length) bytes; at most \(bodyLimit) are read"))
        }
        let body: Data
        do {
            body = length > 0 || request.headers[.transferEncoding] != nil ? try await request.bodyData : Data()
        } catch {
            return Self.response(DashboardResponse.error(400, "cannot read the request body"))
        }
        if body.count > bodyLimit {
            return Self.response(DashboardResponse.error(413, "the request body is over \(bodyLimit) bytes"))
        }
        var headers: [String: String] = [:]
        for (name, value) in request.headers { headers[name.rawValue.lowercased()] = value }
        let query = request.query.map { (name: $0.name, value: $0.value) }
        let converted = DashboardRequest(
            method: request.method.rawValue, path: request.target.path(percentEncoded: false),
            query: query, headers: headers, body: body)
        let answer = await withCheckedContinuation { continuation in
            Self.work.async { continuation.resume(returning: dashboard.respond(to: converted)) }
        }
        var response = Self.response(answer)
        if request.method == .HEAD { response = HTTPResponse(statusCode: response.statusCode, headers: response.headers) }
        return response
    }

    static func response(_ answer: DashboardResponse) -> HTTPResponse {
        var headers: HTTPHeaders = [.contentType: answer.contentType]
        for (name, value) in answer.headers { headers[HTTPHeader(name)] = value }
        return HTTPResponse(statusCode: HTTPStatusCode(answer.status, phrase: phrase(answer.status)), headers: headers, body: answer.body)
    }

    private static func phrase(_ status: Int) -> String {
        switch status {
        case 200: "OK"
        case 400: "Bad Request"
        case 403: "Forbidden"
        case 404: "Not Found"
        case 405: "Method Not Allowed"
        case 413: "Content Too Large"
        case 421: "Misdirected Request"
        default: "Error"
        }
    }

    private struct Handler: HTTPHandler {
        let dashboard: Dashboard
        let bodyLimit: Int

        func handleRequest(_ request: HTTPRequest) async throws -> HTTPResponse {
            await DashboardServer.answer(request, dashboard: dashboard, bodyLimit: bodyLimit)
        }
    }
}

public struct DashboardServerError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
