import Foundation
import Results

/// The dashboard's answers to requests, apart from any HTTP server: pages,
/// a JSON API over the results' read side, charts as SVG and a read-only
/// SQL console. It only reads.
///
/// ```swift
/// let results = try SQLiteResultsStore(path: "results/results.sqlite", readOnly: true)
/// let dashboard = Dashboard(results: results, access: DashboardAccess(hosts: ["127.0.0.1"], port: 8080, token: nil))
/// let page = dashboard.respond(to: DashboardRequest(path: "/api/experiments", headers: ["Host": "127.0.0.1:8080"]))
/// ```
public final class Dashboard: Sendable {
    let results: any ResultsReader
    let access: DashboardAccess
    let console: ConsoleLimits
    let cache = ChangeCache()

    /// The bounds of the SQL console.
    public struct ConsoleLimits: Sendable {
        public var rowLimit: Int
        public var timeLimit: Double
        /// The longest SQL accepted, in bytes.
        public var sqlLimit: Int

        public init(rowLimit: Int = 10_000, timeLimit: Double = 5, sqlLimit: Int = 100_000) {
            self.rowLimit = rowLimit
            self.timeLimit = timeLimit
            self.sqlLimit = sqlLimit
        }
    }

    public init(results: any ResultsReader, access: DashboardAccess, console: ConsoleLimits = ConsoleLimits()) {
        self.results = results
        self.access = access
        self.console = console
    }

    /// The answer to one request. Every failure is an answer, never a throw:
    /// a bad request gets a 4xx and the next request is served as usual.
    public func respond(to request: DashboardRequest) -> DashboardResponse {
        if let refusal = access.refusal(of: request) {
            return .error(refusal.status, refusal.message)
        }
        var response: DashboardResponse
        do {
            response = try cachedIfReading(request)
        } catch let failure as DashboardFailure {
            response = .error(failure.status, failure.message)
        } catch let error as ResultsError where error.kind == .input {
            response = .error(400, error.description)
        } catch {
            response = .error(500, "\(error)")
        }
        if let token = access.token, request.parameter("token") == token {
            response.headers["Set-Cookie"] = "runner_token=\(token); Path=/; HttpOnly; SameSite=Strict"
        }
        // Nothing here is cached: the results change while a sweep runs.
        response.headers["Cache-Control"] = "no-store"
        response.headers["X-Content-Type-Options"] = "nosniff"
        return response
    }

    /// The API's reads answer from the cache until the database changes;
    /// the change counter itself and the console are always asked afresh.
    private func cachedIfReading(_ request: DashboardRequest) throws -> DashboardResponse {
        guard request.method == "GET", request.path.hasPrefix("/api/"), request.path != "/api/changes" else {
            return try route(request)
        }
        let key = request.path + "?" + request.query.map { "\($0.name)=\($0.value)" }.joined(separator: "&")
        return try cache.value("answer " + key, at: try results.changeCounter()) { try route(request) }
    }

    /// The experiment's configurations, computed once per change of the database.
    /// - Throws: a 404 when the database has no experiment of this name.
    func configurations(of experiment: String) throws -> [Configuration] {
        try requireExperiment(experiment)
        return try cache.value("configurations " + experiment, at: try results.changeCounter()) {
            try Configuration.all(of: experiment, in: results)
        }
    }

    /// Every experiment with its runs by status, read once per change of the database.
    func experiments() throws -> [ExperimentOverview] {
        try cache.value("experiments", at: try results.changeCounter()) { try results.overview() }
    }

    func requireExperiment(_ name: String) throws {
        guard try experiments().contains(where: { $0.name == name }) else {
            throw DashboardFailure(404, "no experiment named \(name)")
        }
    }

    private func route(_ request: DashboardRequest) throws -> DashboardResponse {
        let parts = request.path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        if request.method == "POST" {
            guard parts == ["api", "sql"] else { throw DashboardFailure(405, "only /api/sql takes POST") }
            return try runConsoleQuery(request)
        }
        guard request.method == "GET" || request.method == "HEAD" else {
            throw DashboardFailure(405, "method \(request.method) is not allowed: the dashboard only reads")
        }
        switch parts.first {
        case nil, "experiments", "compare", "runs", "sql":
            guard Pages.isPage(parts) else { throw DashboardFailure(404, "no page at \(request.path)") }
            return Assets.response(for: "index.html")!
        case "assets":
            guard parts.count == 2, let asset = Assets.response(for: parts[1]) else {
                throw DashboardFailure(404, "no asset at \(request.path)")
            }
            return asset
        case "api":
            return try routeAPI(Array(parts.dropFirst()), request)
        default:
            throw DashboardFailure(404, "nothing at \(request.path)")
        }
    }

    private func routeAPI(_ parts: [String], _ request: DashboardRequest) throws -> DashboardResponse {
        switch (parts.first, parts.count) {
        case ("experiments", 1): return try overview()
        case ("experiments", 2): return try experiment(named: parts[1])
        case ("experiments", 3) where parts[2] == "curves.svg": return try experimentCurves(named: parts[1], request)
        case ("experiments", 3) where parts[2] == "by-setting.svg": return try metricBySetting(named: parts[1], request)
        case ("experiments", 3) where parts[2] == "search.svg": return try searchChart(named: parts[1])
        case ("compare", 1): return try comparison(request)
        case ("compare.svg", 1): return try comparisonCurves(request)
        case ("runs", 2): return try run(reference: parts[1])
        case ("runs", 3) where parts[2] == "curve.svg": return try runCurve(reference: parts[1], request)
        case ("sql", 2) where parts[1] == "examples": return .json(ConsoleExample.all)
        case ("changes", 1): return .json(["counter": try results.changeCounter()])
        default: throw DashboardFailure(404, "no API at /api/\(parts.joined(separator: "/"))")
        }
    }
}

/// A request the dashboard refuses, with the status that says why.
struct DashboardFailure: Error {
    var status: Int
    var message: String

    init(_ status: Int, _ message: String) {
        self.status = status
        self.message = message
    }
}

/// The paths the page answers, which it reads to choose its view.
enum Pages {
    static func isPage(_ parts: [String]) -> Bool {
        switch (parts.first, parts.count) {
        case (nil, 0), ("compare", 1), ("sql", 1), ("experiments", 2), ("runs", 2): return true
        default: return false
        }
    }
}
