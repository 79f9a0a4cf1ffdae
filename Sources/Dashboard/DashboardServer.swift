import FlyingSocks
import Foundation

/// The dashboard on a socket: FlyingSocks' non-blocking sockets on one
/// epoll, a task per connection, requests framed by ``HTTPFraming``, and
/// each answer computed off the sockets' threads, so that a slow query never
/// holds up the other connections.
///
/// ```swift
/// let server = try DashboardServer(dashboard: dashboard, host: "127.0.0.1", port: 8080)
/// let port = try await server.start()
/// ```
public final class DashboardServer: @unchecked Sendable {
    let dashboard: Dashboard
    let address: any SocketAddress
    let limits: HTTPFraming.Limits
    /// How long a connection may stay silent, before or between requests.
    let idleTimeout: Double
    /// The listening socket and the task serving it while it runs; guarded by `lock`.
    private var running: (socket: Socket, task: Task<Void, any Error>)?
    /// When each open connection last sent bytes (uptime nanoseconds), by
    /// its descriptor; guarded by `lock`.
    private var lastReads: [Int32: UInt64] = [:]
    private let lock = NSLock()

    /// Bodies up to this size are copied behind their heads and sent in one write.
    private static let bodyCopyLimit = 65_536

    /// Work for the dashboard, apart from the cooperative threads that run the sockets.
    private static let work = DispatchQueue(label: "Dashboard", qos: .userInitiated, attributes: .concurrent)

    public init(dashboard: Dashboard, host: String, port: UInt16, idleTimeout: Double = 15) throws {
        self.dashboard = dashboard
        self.limits = dashboard.requestLimits
        self.idleTimeout = idleTimeout
        let bare = host.trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        address = bare.contains(":")
            ? try sockaddr_in6.inet6(ip6: bare, port: port)
            : try sockaddr_in.inet(ip4: bare == "localhost" ? "127.0.0.1" : bare, port: port)
    }

    /// Starts serving; returns the port it listens on (the one asked for,
    /// or the one the system chose for port 0).
    public func start() async throws -> Int {
        let socket = try Socket(domain: Int32(type(of: address).family))
        try socket.setValue(true, for: .localAddressReuse)
        try socket.bind(to: address)
        try socket.listen()
        let port: Int = switch try socket.sockname() {
        case let .ip4(_, port), let .ip6(_, port): Int(port)
        default: 0
        }
        let pool: some AsyncSocketPool = .ePoll()
        try await pool.prepare()
        let listener = try AsyncSocket(socket: socket, pool: pool)
        let task = Task { [self] in
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await pool.run() }
                group.addTask { try await self.closeIdleConnections() }
                group.addTask {
                    try await withThrowingDiscardingTaskGroup { connections in
                        for try await connection in listener.sockets {
                            connections.addTask { await self.serve(connection) }
                        }
                    }
                }
                try await group.next()
                group.cancelAll()
            }
        }
        lock.withLock { running = (socket, task) }
        return port
    }

    /// Stops listening and closes every connection.
    public func stop() async {
        let stopping = lock.withLock {
            defer { running = nil }
            return running
        }
        guard let (socket, task) = stopping else { return }
        try? socket.close()
        task.cancel()
        _ = await task.result
    }

    private func serve(_ connection: AsyncSocket) async {
        let descriptor = connection.socket.file.rawValue
        lock.withLock { lastReads[descriptor] = DispatchTime.now().uptimeNanoseconds }
        defer {
            lock.withLock { _ = lastReads.removeValue(forKey: descriptor) }
            try? connection.close()
        }
        var buffer: [UInt8] = []
        while !Task.isCancelled {
            switch HTTPFraming.parse(buffer, limits: limits) {
            case .incomplete:
                guard let bytes = try? await connection.read(atMost: 65_536), !bytes.isEmpty else { return }
                lock.withLock { lastReads[descriptor] = DispatchTime.now().uptimeNanoseconds }
                buffer += bytes
            case let .request(request, consumed, keepAlive):
                buffer.removeFirst(consumed)
                let dashboard = self.dashboard
                let response = await withCheckedContinuation { continuation in
                    Self.work.async { continuation.resume(returning: dashboard.respond(to: request)) }
                }
                // A large body goes apart from its head, so that a kept
                // answer's body is shared by every connection sending it,
                // never copied; a small one goes with it, in one segment.
                let headOnly = request.method == "HEAD"
                do {
                    if headOnly || response.body.count < Self.bodyCopyLimit {
                        try await connection.write(HTTPFraming.encode(response, keepAlive: keepAlive, headOnly: headOnly))
                    } else {
                        try await connection.write(HTTPFraming.head(of: response, keepAlive: keepAlive))
                        try await connection.write(response.body)
                    }
                } catch {
                    return
                }
                guard keepAlive else { return }
            case let .refused(status, message):
                _ = try? await connection.write(HTTPFraming.encode(.error(status, message), keepAlive: false))
                return
            }
        }
    }

    /// Shuts down, every second, the connections silent past the idle
    /// timeout: their reads then end and their tasks close them. One sweep
    /// for all, where a timer per read (a task group racing a sleep) cost
    /// two tasks per read and, at 200 busy connections, memory that grew
    /// with every request.
    private func closeIdleConnections() async throws {
        while true {
            try await Task.sleep(nanoseconds: 1_000_000_000)
            let oldest = DispatchTime.now().uptimeNanoseconds - UInt64(idleTimeout * 1e9)
            // Under the lock: a connection leaves the table before its
            // descriptor is closed, so no descriptor shut here can be one
            // already reused by a new connection.
            lock.withLock {
                for (descriptor, lastRead) in lastReads where lastRead < oldest {
                    _ = shutdown(descriptor, Int32(SHUT_RDWR))
                }
            }
        }
    }
}
