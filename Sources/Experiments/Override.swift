import Datasets
import Foundation
import Yams

/// A change to an experiment given on the command line,
/// `runner sweep FILE --set KEY=VALUE`: a top-level key or `grid.KEY`, and a
/// value in YAML flow text. It changes the experiment as if the file said so,
/// and is validated as the file is, its errors naming the override:
///
/// ```text
/// --set epochs=0: epochs: epochs must be ≥ 1, got 0
/// ```
public struct Override: Sendable, Hashable, CustomStringConvertible {
    /// As given, without `--set`: `grid.eta=[1,3]`.
    public let argument: String

    public init(_ argument: String) {
        self.argument = argument
    }

    /// As errors name it: `--set grid.eta=[1,3]`.
    public var description: String { "--set \(argument)" }
}

/// An override read: where it applies and the value's YAML node.
struct ParsedOverride {
    /// `--set grid.eta=[1,3]`.
    let label: String
    /// The key set: a top-level key, or with `inGrid` a key of `grid`.
    let key: String
    let inGrid: Bool
    let node: Node

    /// `epochs`, `grid.eta`: as the key's path in the file reads.
    var path: String { inGrid ? "grid.\(key)" : key }

    /// The value where the file's would be: errors name the override.
    var entry: Entry {
        let field = Field(node: node, path: path, origin: label)
        return Entry(name: key, keyField: field, value: field)
    }

    /// `grid.eta=[1,3]`: the key and the value with its spacing and quoting
    /// made uniform, so that one change written two ways is one change.
    var canonical: String { "\(path)=\(canonicalText(of: node))" }

    /// Reads each override, recording what cannot be read (no `=`, a path
    /// deeper than `grid.KEY`, a key given twice, a value that is no YAML)
    /// and leaving it out.
    static func parse(_ overrides: [Override], problems: ProblemLog) -> [ParsedOverride] {
        var parsed: [ParsedOverride] = []
        for override in overrides {
            let label = override.description
            func problem(_ key: String?, _ message: String) {
                problems.record(ExperimentError(file: label, line: 0, column: 0, key: key, message: message))
            }
            let argument = override.argument
            guard let equals = argument.firstIndex(of: "="), equals != argument.startIndex else {
                problem(nil, "expected KEY=VALUE, such as epochs=1 or grid.eta=[1,3]")
                continue
            }
            let path = String(argument[..<equals])
            let text = String(argument[argument.index(after: equals)...])
            let parts = path.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
            let key: String
            let inGrid: Bool
            switch parts.count {
            case 1: (key, inGrid) = (path, false)
            case 2 where parts[0] == TopLevelKey.grid.rawValue && !parts[1].isEmpty: (key, inGrid) = (parts[1], true)
            default:
                problem(path, "only a top-level key or grid.KEY can be set")
                continue
            }
            if let earlier = parsed.first(where: { $0.path == path }) {
                problem(path, "already set by \(earlier.label); set each key once")
                continue
            }
            let node: Node
            do {
                // An empty value is YAML's null, as `epochs:` with nothing after it is in a file.
                node = try ExperimentDocument.composeNode(text, file: label) ?? Node("", Tag(.null))
            } catch let error as ExperimentError {
                problem(path, error.message)
                continue
            } catch {
                problem(path, "\(error)")
                continue
            }
            parsed.append(ParsedOverride(label: label, key: key, inGrid: inGrid, node: node))
        }
        return parsed
    }
}

extension [ParsedOverride] {
    /// The overrides by path, each as ``ParsedOverride/canonical``.
    var canonical: [String] {
        sorted { $0.path < $1.path }.map(\.canonical)
    }

    /// The experiment's name, given the one validation read (the file's,
    /// or an override's): `smoke+1a2b3c4d` when overrides change the file's
    /// experiment, the first 8 hex digits of the SHA-256 of the canonical
    /// overrides (one per line) after the file's name, so that its results
    /// stay apart from the file's own; as read without overrides, or when
    /// an override names the experiment.
    func experimentName(_ name: String) -> String {
        guard !isEmpty, !contains(where: { !$0.inGrid && $0.key == TopLevelKey.name.rawValue }) else { return name }
        let digest = Checksum.sha256Hex(of: [UInt8](canonical.joined(separator: "\n").utf8))
        return "\(name)+\(digest.prefix(8))"
    }

    /// The file's text and, when there are overrides, a comment block that
    /// lists them: the spec registered with the results, whose SHA-256 tells
    /// one version of an experiment from another.
    func spec(source: String) -> String {
        guard !isEmpty else { return source }
        let separator = source.hasSuffix("\n") ? "" : "\n"
        let lines = ["# Overrides given with runner sweep, applied over the file above:"]
            + canonical.map { "# --set \($0)" }
        return source + separator + lines.joined(separator: "\n") + "\n"
    }
}

/// A node as one line of YAML flow text: sequences `[1,3]`, mappings
/// `{eta: [1,3]}`, numbers and booleans as written, strings bare when YAML
/// reads them back as the same string and quoted otherwise.
private func canonicalText(of node: Node) -> String {
    switch node {
    case let .scalar(scalar):
        guard node.tagName == .str else { return scalar.string }
        return readsBackAsString(scalar.string) ? scalar.string : jsonString(scalar.string)
    case let .sequence(sequence):
        return "[" + sequence.map(canonicalText).joined(separator: ",") + "]"
    case let .mapping(mapping):
        return "{" + mapping.map { "\(canonicalText(of: $0.key)): \(canonicalText(of: $0.value))" }.joined(separator: ", ") + "}"
    case .alias:
        return "*"
    }
}

/// Bare words that a shell leaves alone too, and that YAML reads as this string.
private func readsBackAsString(_ text: String) -> Bool {
    let plain = !text.isEmpty && text.unicodeScalars.allSatisfy { scalar in
        switch scalar {
        case "a"..."z", "A"..."Z", "0"..."9", "_", "-", ".", "/": true
        default: false
        }
    }
    guard plain, let node = try? Yams.compose(yaml: text) else { return false }
    return node.tagName == .str && node.scalar?.string == text
}
