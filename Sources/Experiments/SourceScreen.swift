/// Checks on the raw text that must pass before Yams composes it, because
/// composing is where hostile input does its damage.
enum SourceScreen {
    /// Experiment files are a screenful of keys; anything near this is a mistake or an attack.
    static let maximumBytes = 1 << 20

    static func check(_ source: String, file: String) throws {
        if source.utf8.count > maximumBytes {
            throw tooLarge(file: file)
        }
        try rejectTabIndentation(source, file: file)
        try rejectAliases(source, file: file)
    }

    static func tooLarge(file: String) -> ExperimentError {
        ExperimentError(
            file: file, line: 1, column: 1, key: nil,
            message: "the file is over 1 MiB (\(maximumBytes) bytes), the limit for experiment files")
    }

    /// libYAML's own message for a tab in indentation does not mention tabs.
    private static func rejectTabIndentation(_ source: String, file: String) throws {
        for (lineIndex, line) in lines(of: source).enumerated() {
            let indentation = line.prefix { $0 == " " || $0 == "\t" }
            let content = line.dropFirst(indentation.count)
            guard !content.allSatisfy({ $0 == "\r" }), let tab = indentation.firstIndex(of: "\t") else { continue }
            throw ExperimentError(
                file: file, line: lineIndex + 1, column: line.distance(from: line.startIndex, to: tab) + 1,
                key: nil, message: "tab used for indentation; indent with spaces")
        }
    }

    /// Yams composes an alias as a copy of its anchor's node, so a few hundred
    /// bytes of nested aliases (a "billion laughs") expand into a tree that
    /// takes forever to walk, and an alias used as a mapping key is hashed
    /// in full by Yams' duplicate-key check while composing. So aliases must
    /// be refused before composing, and Yams does not expose its parser's
    /// events. A real alias `*x` needs a matching anchor `&x` (Yams rejects
    /// undefined aliases before expanding anything), and libYAML names are
    /// `[A-Za-z0-9_-]+`, so this textual test never misses one; it refuses
    /// more only when some text (a comment, a quoted string) happens to hold
    /// both `&x` and `*x`. Anchors without aliases are refused after composing,
    /// where they are cheap to find and have exact positions.
    private static func rejectAliases(_ source: String, file: String) throws {
        var anchors = Set<String>()
        var aliases: [(name: String, line: Int, column: Int)] = []
        for (lineIndex, line) in lines(of: source).enumerated() {
            var index = line.startIndex
            while index < line.endIndex {
                let character = line[index]
                let next = line.index(after: index)
                if character == "&" || character == "*" {
                    let name = String(line[next...].prefix(while: isAnchorCharacter))
                    if character == "&" {
                        anchors.insert(name)
                    } else if !name.isEmpty {
                        let column = line.distance(from: line.startIndex, to: index) + 1
                        aliases.append((name, lineIndex + 1, column))
                    }
                }
                index = next
            }
        }
        if let alias = aliases.first(where: { anchors.contains($0.name) }) {
            throw ExperimentError(
                file: file, line: alias.line, column: alias.column, key: nil,
                message: "YAML aliases (*\(alias.name)) are not supported; write the value out in full")
        }
    }

    private static func isAnchorCharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "a"..."z", "A"..."Z", "0"..."9", "_", "-": true
        default: false
        }
    }

    /// Lines as libYAML numbers them, in Unicode scalars as libYAML counts
    /// columns (a `Character` would fuse "\r\n"); a lone "\r" is rare enough to ignore.
    static func lines(of source: String) -> [Substring.UnicodeScalarView] {
        source.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false)
    }
}
