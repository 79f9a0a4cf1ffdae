import ArgumentParser
import Dashboard
import Datasets
import Foundation
import Results

struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the results to a browser: experiments, learning curves, comparisons, runs and SQL.",
        discussion: """
            Prints the dashboard's URL as its first line, then serves until Ctrl-C. It only \
            reads the database, so it runs beside a sweep that is writing, and open pages \
            follow the sweep's epochs as they are committed. It binds 127.0.0.1 by default; \
            a host beyond loopback needs a token, which is generated and printed in the URL \
            unless --token gives one.
            """
    )

    @OptionGroup var store: StoreOptions

    @Option(help: "The address to listen on: 127.0.0.1 (only this machine), 0.0.0.0 (every interface), or one address.")
    var host = "127.0.0.1"

    @Option(help: "The port to listen on; 0 lets the system choose one.")
    var port = 8080

    @Option(help: "The token every request must carry beyond loopback (default: a random one).")
    var token: String?

    @Flag(help: "Open the dashboard in the default browser (xdg-open).")
    var open = false

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be 0 to 65535, not \(port)") }
        if let token, token.isEmpty || token.contains(where: { !($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) {
            throw ValidationError("--token must be letters, digits, - and _ only")
        }
    }

    func run() throws {
        let reader = try store.openReader()
        let loopback = DashboardAccess.isLoopback(host)
        let token = loopback ? token : (token ?? Self.randomToken())
        let dashboard = Dashboard(results: reader, access: DashboardAccess(hosts: DashboardAccess.names(boundTo: host), port: port, token: token))
        let server: DashboardServer
        do {
            server = try DashboardServer(dashboard: dashboard, host: host, port: UInt16(port))
        } catch {
            throw RunnerFailure.input("--host \(host): not an address to listen on (\(error))")
        }
        let done = DispatchSemaphore(value: 0)
        let outcome = Locked<Result<Int, any Error>?>(nil)
        Task {
            do {
                let port = try await server.start()
                outcome.withLock { $0 = .success(port) }
            } catch {
                outcome.withLock { $0 = .failure(error) }
            }
            done.signal()
        }
        done.wait()
        let listeningPort: Int
        switch outcome.withLock({ $0 })! {
        case .success(let port): listeningPort = port
        case .failure(let error): throw RunnerFailure.runtime("cannot listen on \(host):\(port): \(error)")
        }
        let shownHost = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
        let url = "http://\(shownHost):\(listeningPort)/" + (token.map { "?token=\($0)" } ?? "")
        print(url)
        print("serving \(store.path) read-only; Ctrl-C stops")
        fflush(nil)
        if open { Self.openInBrowser(url) }

        // Ctrl-C and SIGTERM stop the server and end the process normally.
        let stopped = DispatchSemaphore(value: 0)
        let signals = [SIGINT, SIGTERM].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                Task {
                    await server.stop()
                    stopped.signal()
                }
            }
            source.resume()
            return source
        }
        stopped.wait()
        signals.forEach { $0.cancel() }
        try reader.close()
        print("stopped")
    }

    static func randomToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<24).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
    }

    static func openInBrowser(_ url: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["xdg-open", url]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch {
            FileHandle.standardError.write(Data("cannot open a browser (xdg-open: \(error)); open \(url)\n".utf8))
        }
    }
}
