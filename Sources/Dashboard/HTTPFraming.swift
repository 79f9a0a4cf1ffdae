import Foundation

/// HTTP/1.1 requests read from bytes and responses written as bytes, for
/// the dashboard's server.
///
/// Written here rather than taken from the HTTP server library: FlyingFox
/// (whose sockets the server uses) closes the connection without a word on
/// a request it cannot parse, and reads a header line of any length; a
/// dashboard must answer every malformed request with a 4xx that says what
/// is wrong, and bound what it reads before it parses. Hummingbird does
/// both, but its SwiftNIO adds minutes to a clean build. The subset here is
/// what browsers and load tools send: origin-form targets, Content-Length
/// bodies (no chunked uploads), keep-alive.
///
/// ```swift
/// switch HTTPFraming.parse(Array("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n".utf8), limits: .init(bodyBytes: 1024)) {
/// case let .request(request, consumed, keepAlive): print(request.path, consumed, keepAlive)
/// case .incomplete: print("read more")
/// case let .refused(status, message): print(status, message)
/// }
/// ```
enum HTTPFraming {
    struct Limits: Sendable {
        /// The request line and headers, with their line ends.
        var headBytes = 16_384
        var bodyBytes: Int
    }

    enum Outcome: Equatable {
        /// The bytes so far are the start of a request: read more.
        case incomplete
        /// A request, the bytes it took from the buffer, and whether the
        /// connection stays open after the response.
        case request(DashboardRequest, consumed: Int, keepAlive: Bool)
        /// A request that cannot be served, with the status and why; the
        /// connection closes after the response, since where the next
        /// request starts cannot be trusted.
        case refused(status: Int, message: String)
    }

    static func parse(_ buffer: [UInt8], limits: Limits) -> Outcome {
        guard let headEnd = endOfHead(in: buffer, within: limits.headBytes) else {
            return buffer.count >= limits.headBytes
                ? .refused(status: 431, message: "the request line and headers are over \(limits.headBytes) bytes")
                : .incomplete
        }
        guard let head = String(bytes: buffer[..<headEnd], encoding: .utf8) else {
            return .refused(status: 400, message: "the request's head is not UTF-8 text")
        }
        var lines = head.components(separatedBy: "\r\n")
        let requestLine = lines.removeFirst().split(separator: " ", omittingEmptySubsequences: false)
        guard requestLine.count == 3, let method = requestLine.first, !method.isEmpty, method.allSatisfy(isTokenCharacter) else {
            return .refused(status: 400, message: "the request line is not METHOD TARGET HTTP/1.1")
        }
        let version = requestLine[2]
        guard version == "HTTP/1.1" || version == "HTTP/1.0" else {
            return version.hasPrefix("HTTP/")
                ? .refused(status: 505, message: "HTTP version \(version) is not served; use HTTP/1.1")
                : .refused(status: 400, message: "the request line is not METHOD TARGET HTTP/1.1")
        }
        var headers: [String: String] = [:]
        for line in lines {
            guard let colon = line.firstIndex(of: ":"), !line.hasPrefix(" "), !line.hasPrefix("\t") else {
                return .refused(status: 400, message: "a header line is not NAME: VALUE")
            }
            let name = line[..<colon].lowercased()
            guard !name.isEmpty, name.allSatisfy(isTokenCharacter) else {
                return .refused(status: 400, message: "a header's name is not a token")
            }
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            if let earlier = headers[name] {
                // Two Hosts or two lengths make the request ambiguous (RFC 9112 §3.2, §6.3).
                if name == "host" || (name == "content-length" && earlier != value) {
                    return .refused(status: 400, message: "the request has two \(name) headers")
                }
                headers[name] = name == "content-length" ? value : earlier + ", " + value
            } else {
                headers[name] = value
            }
        }
        if headers["transfer-encoding"] != nil {
            return .refused(status: 501, message: "request bodies in chunks are not accepted; send a Content-Length")
        }
        var bodyLength = 0
        if let length = headers["content-length"] {
            guard !length.isEmpty, length.count <= 18, length.allSatisfy(\.isASCIIDigit), let parsed = Int(length) else {
                return .refused(status: 400, message: "Content-Length \(length) is not a number of bytes")
            }
            bodyLength = parsed
        }
        if bodyLength > limits.bodyBytes {
            return .refused(status: 413, message: "the request body is \(bodyLength) bytes; at most \(limits.bodyBytes) are read")
        }
        let bodyStart = headEnd + 4
        guard buffer.count >= bodyStart + bodyLength else { return .incomplete }
        guard let (path, query) = components(of: String(requestLine[1])) else {
            return .refused(status: 400, message: "the target is not a path: \(requestLine[1].prefix(100))")
        }
        let connection = headers["connection"]?.lowercased() ?? ""
        let keepAlive = version == "HTTP/1.1" ? !connection.contains("close") : connection.contains("keep-alive")
        let request = DashboardRequest(
            method: String(method), path: path, query: query, headers: headers,
            body: Data(buffer[bodyStart..<(bodyStart + bodyLength)]))
        return .request(request, consumed: bodyStart + bodyLength, keepAlive: keepAlive)
    }

    /// The response's bytes; `headOnly` for a HEAD request, whose response
    /// has the length of the body it leaves out.
    static func encode(_ response: DashboardResponse, keepAlive: Bool, headOnly: Bool = false) -> Data {
        var bytes = head(of: response, keepAlive: keepAlive)
        if !headOnly { bytes.append(response.body) }
        return bytes
    }

    /// The status line and headers, with the blank line that ends them.
    static func head(of response: DashboardResponse, keepAlive: Bool) -> Data {
        var head = "HTTP/1.1 \(response.status) \(reason(response.status))\r\n"
        head += "Content-Type: \(response.contentType)\r\n"
        head += "Content-Length: \(response.body.count)\r\n"
        head += "Connection: \(keepAlive ? "keep-alive" : "close")\r\n"
        for (name, value) in response.headers.sorted(by: { $0.key < $1.key }) {
            head += "\(name): \(value)\r\n"
        }
        return Data((head + "\r\n").utf8)
    }

    static func reason(_ status: Int) -> String {
        switch status {
        case 200: "OK"
        case 400: "Bad Request"
        case 403: "Forbidden"
        case 404: "Not Found"
        case 405: "Method Not Allowed"
        case 413: "Content Too Large"
        case 421: "Misdirected Request"
        case 431: "Request Header Fields Too Large"
        case 500: "Internal Server Error"
        case 501: "Not Implemented"
        case 505: "HTTP Version Not Supported"
        default: "Status \(status)"
        }
    }

    /// Where `\r\n\r\n` starts, looked for in the first `limit` bytes only.
    private static func endOfHead(in buffer: [UInt8], within limit: Int) -> Int? {
        let end = min(buffer.count, limit)
        guard end >= 4 else { return nil }
        for index in 0...(end - 4)
        where buffer[index] == 13 && buffer[index + 1] == 10 && buffer[index + 2] == 13 && buffer[index + 3] == 10 {
            return index
        }
        return nil
    }

    /// `/experiments/a%20b?c=x:1&c=y` → (`/experiments/a b`, [(c, x:1), (c, y)]);
    /// nil for a target that is not a path or does not decode to UTF-8.
    /// `+` in the query is a space, as forms and URLSearchParams write it.
    static func components(of target: String) -> (path: String, query: [(name: String, value: String)])? {
        guard target.hasPrefix("/") else { return nil }
        let parts = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        guard let path = parts[0].removingPercentEncoding else { return nil }
        var query: [(name: String, value: String)] = []
        if parts.count == 2 {
            for item in parts[1].split(separator: "&") {
                let pair = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                guard let name = pair[0].replacingOccurrences(of: "+", with: " ").removingPercentEncoding,
                      let value = (pair.count == 2 ? String(pair[1]) : "").replacingOccurrences(of: "+", with: " ").removingPercentEncoding
                else { return nil }
                query.append((name, value))
            }
        }
        return (path, query)
    }

    private static func isTokenCharacter(_ character: Character) -> Bool {
        character.isASCII && (character.isLetter || character.isNumber || "!#$%&'*+-.^_`|~".contains(character))
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}

extension DashboardRequest: Equatable {
    public static func == (lhs: DashboardRequest, rhs: DashboardRequest) -> Bool {
        lhs.method == rhs.method && lhs.path == rhs.path && lhs.headers == rhs.headers && lhs.body == rhs.body
            && lhs.query.map(\.name) == rhs.query.map(\.name) && lhs.query.map(\.value) == rhs.query.map(\.value)
    }
}
