import Foundation

extension Dashboard {
    /// How much of a request `runner serve` reads: a body holds at most the
    /// console's longest SQL, with room for the JSON around it.
    var requestLimits: HTTPFraming.Limits {
        HTTPFraming.Limits(bodyBytes: console.sqlLimit + 1024)
    }

    /// What `runner serve` writes back on a connection that sent `bytes` and
    /// then stopped: the response to each request in turn, up to one it
    /// refuses (a 4xx or 5xx, after which it closes), one that asks to close,
    /// or bytes that are only the start of a request, which get no answer.
    /// For replaying captured traffic without a socket.
    ///
    /// ```swift
    /// let answers = dashboard.responses(toConnectionBytes: Array("GET /api/experiments HTTP/1.1\r\nHost: 127.0.0.1:8080\r\n\r\n".utf8))
    /// ```
    public func responses(toConnectionBytes bytes: [UInt8]) -> [Data] {
        var buffer = bytes
        var answers: [Data] = []
        while true {
            switch HTTPFraming.parse(buffer, limits: requestLimits) {
            case .incomplete:
                return answers
            case let .request(request, consumed, keepAlive):
                buffer.removeFirst(consumed)
                answers.append(HTTPFraming.encode(respond(to: request), keepAlive: keepAlive, headOnly: request.method == "HEAD"))
                guard keepAlive else { return answers }
            case let .refused(status, message):
                answers.append(HTTPFraming.encode(.error(status, message), keepAlive: false))
                return answers
            }
        }
    }
}
