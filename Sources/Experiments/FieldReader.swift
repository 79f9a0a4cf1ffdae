import Yams

/// A node of the experiment file and the dotted path that names it in errors.
struct Field {
    let node: Node
    /// `eta`, `grid.eta[2]`, `grid.layers[1][0]`.
    let path: String
    /// The override the node comes from (`--set epochs=0`), which errors
    /// name instead of a line of the file; nil for the file's own nodes.
    var origin: String? = nil

    func element(_ index: Int, _ node: Node) -> Field {
        Field(node: node, path: "\(path)[\(index)]", origin: origin)
    }

    func child(_ name: String, _ node: Node) -> Field {
        Field(node: node, path: path.isEmpty ? name : "\(path).\(name)", origin: origin)
    }

    /// The scalar as written (`-1`, `.inf`), for messages.
    var text: String {
        node.scalar?.string ?? describe(node)
    }
}

/// One `key: value` of a mapping, with the key's node for errors about the key itself.
struct Entry {
    let name: String
    let keyField: Field
    let value: Field
}

/// Typed reads of YAML nodes; each failure is an ``ExperimentError`` at the node.
///
/// Types come from the YAML 1.1 tags Yams resolves (`30` is an int, `30.0`
/// a float, `"30"` a string, `yes` a bool), so a quoted number is a mistake
/// the file's author hears about rather than a silent conversion.
struct FieldReader {
    let file: String
    /// Where `entries` records the keys it cannot read, and skips them.
    let problems: ProblemLog

    /// An error at the node: at its line and column in the file, or at the
    /// override it comes from, which has none (`--set epochs=0: epochs: …`).
    func error(_ field: Field, _ message: String) -> ExperimentError {
        let key = field.path.isEmpty ? nil : field.path
        if let origin = field.origin {
            return ExperimentError(file: origin, line: 0, column: 0, key: key, message: message)
        }
        return ExperimentError(file: file, mark: field.node.mark, key: key, message: message)
    }

    /// Where a node is, for messages that point at a second one: `line 11`,
    /// or `--set eta=3`.
    func place(of field: Field) -> String {
        field.origin ?? "line \(field.node.mark?.line ?? 1)"
    }

    func integer(_ field: Field) throws -> Int {
        guard let scalar = field.node.scalar, field.node.tagName == .int else {
            throw error(field, "expected an integer, got \(describe(field.node))")
        }
        guard let value = Int.construct(from: scalar) else {
            throw error(field, "the integer \(scalar.string) is out of range")
        }
        return value
    }

    /// `what` names the value in the message: "epochs must be ≥ 1, got 0".
    func integer(_ field: Field, atLeast minimum: Int, what: String) throws -> Int {
        let value = try integer(field)
        guard value >= minimum else {
            throw error(field, "\(what) must be ≥ \(minimum), got \(value)")
        }
        return value
    }

    func number(_ field: Field) throws -> Double {
        if let scalar = field.node.scalar {
            switch field.node.tagName {
            case .int:
                if let value = Int.construct(from: scalar).map(Double.init) ?? Double(scalar.string) {
                    return value
                }
            case .float:
                if let value = Double.construct(from: scalar) {
                    return value
                }
            default:
                break
            }
        }
        throw error(field, "expected a number, got \(describe(field.node))")
    }

    func text(_ field: Field) throws -> String {
        guard let scalar = field.node.scalar, field.node.tagName != .null else {
            throw error(field, "expected a string, got \(describe(field.node))")
        }
        return scalar.string
    }

    /// `expected` completes "expected …, got …" ("a list of integers").
    func list(_ field: Field, expected: String) throws -> [Field] {
        guard let sequence = field.node.sequence else {
            throw error(field, "expected \(expected), got \(describe(field.node))")
        }
        return sequence.enumerated().map { field.element($0.offset, $0.element) }
    }

    /// The mapping's entries in file order; a key that is not a scalar is
    /// recorded as a problem and left out.
    func entries(_ field: Field, expected: String) throws -> [Entry] {
        guard let mapping = field.node.mapping else {
            throw error(field, "expected \(expected), got \(describe(field.node))")
        }
        return mapping.compactMap { key, value in
            guard let name = key.scalar?.string else {
                problems.record(error(
                    Field(node: key, path: field.path, origin: field.origin), "expected a key name, got \(describe(key))"))
                return nil
            }
            return Entry(name: name, keyField: field.child(name, key), value: field.child(name, value))
        }
    }
}

/// A node for "got …" in messages: `2.5`, `the string "3.0"`, `a list`.
func describe(_ node: Node) -> String {
    switch node {
    case .mapping: return "a mapping"
    case .sequence: return "a list"
    case .alias: return "an alias"
    case let .scalar(scalar):
        switch node.tagName {
        case .null: return "null"
        case .int, .float: return scalar.string
        case .bool: return "the boolean \(scalar.string)"
        default: return "the string \"\(scalar.string)\""
        }
    }
}

extension Node {
    /// The resolved tag (`tag:yaml.org,2002:int` for a plain `30`).
    var tagName: Tag.Name {
        Tag.Name(rawValue: tag.rawValue)
    }
}
