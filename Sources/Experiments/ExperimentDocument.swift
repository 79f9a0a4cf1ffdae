import Yams

/// Composes an experiment file's text into a Yams node tree, turning every
/// Yams failure into an ``ExperimentError`` and refusing trees that are
/// hostile (anchors, deep nesting) before anything walks them in full.
enum ExperimentDocument {
    /// Experiment files need 4 levels (file, grid, layers list, one layers value).
    static let maximumDepth = 32

    static func compose(_ source: String, file: String) throws -> Node {
        guard let root = try composeNode(source, file: file), root.tagName != .null else {
            throw ExperimentError(
                file: file, line: 1, column: 1, key: nil,
                message: "the file is empty; an experiment needs at least name, layers, eta, epochs and batch")
        }
        return root
    }

    /// The screened tree of a YAML text (a file, or an override's value);
    /// nil when the text holds no node.
    static func composeNode(_ source: String, file: String) throws -> Node? {
        try SourceScreen.check(source, file: file)
        // `Yams.compose(yaml:)` without dropping the parser: nodes hold their
        // anchors weakly and only the parser keeps them alive, so the anchor
        // check must run before the parser goes.
        let parser: Parser
        let root: Node?
        do {
            parser = try Parser(yaml: source)
            root = try parser.singleRoot()
        } catch let error as YamlError {
            throw experimentError(from: error, source: source, file: file)
        }
        guard let root else { return nil }
        try withExtendedLifetime(parser) {
            try screen(root, path: nil, depth: 1, file: file)
        }
        return root
    }

    /// Stops at the first anchored node: the copies Yams made for its aliases
    /// (if any slipped past ``SourceScreen``) carry the same anchor, so nothing
    /// expanded is ever visited, and the walk is linear in the file's size.
    private static func screen(_ node: Node, path: String?, depth: Int, file: String) throws {
        if let anchor = node.anchor {
            throw ExperimentError(
                file: file, mark: node.mark, key: path,
                message: "YAML anchors (&\(anchor.rawValue)) are not supported; write the value out in full")
        }
        switch node {
        case .mapping, .sequence:
            if depth > maximumDepth {
                throw ExperimentError(
                    file: file, mark: node.mark, key: path,
                    message: "nesting is deeper than \(maximumDepth) levels")
            }
        case .scalar, .alias:
            return
        }
        if let mapping = node.mapping {
            for (key, value) in mapping {
                let name = key.scalar?.string ?? "?"
                try screen(key, path: path, depth: depth + 1, file: file)
                try screen(value, path: path.map { "\($0).\(name)" } ?? name, depth: depth + 1, file: file)
            }
        } else if let sequence = node.sequence {
            for (index, element) in sequence.enumerated() {
                try screen(element, path: "\(path ?? "")[\(index)]", depth: depth + 1, file: file)
            }
        }
    }

    private static func experimentError(from error: YamlError, source: String, file: String) -> ExperimentError {
        switch error {
        case let .scanner(context, problem, mark, _),
             let .parser(context, problem, mark, _),
             let .composer(context, problem, mark, _):
            var message = "invalid YAML: \(problem)"
            if problem.hasPrefix("Maximum nesting level") {
                message = "nesting is deeper than \(maximumDepth) levels"
            } else if problem == "but found another document" {
                message = "the file holds more than one YAML document; an experiment is a single document"
            } else if let context {
                message += " (\(context.text) at line \(context.mark.line), column \(context.mark.column))"
            }
            return ExperimentError(file: file, line: mark.line, column: mark.column, key: nil, message: message)
        case let .duplicatedKeysInMapping(duplicates, context):
            // Yams reports the first occurrence of the (alphabetically) first duplicated key.
            let name = duplicates.sorted().first ?? "?"
            let first = context.mark
            guard let found = DuplicateKeyLocator.locate(name: name, first: first, in: source) else {
                return ExperimentError(
                    file: file, line: first.line, column: first.column, key: name,
                    message: "duplicate key '\(name)'; a key may appear only once in a mapping")
            }
            return ExperimentError(
                file: file, line: found.line, column: found.column, key: found.path,
                message: "duplicate key '\(name)'; it is already given at line \(first.line), column \(first.column)")
        case let .reader(problem, offset, _, _):
            let (line, column) = offset.map { position(ofCharacterOffset: $0, in: source) } ?? (1, 1)
            return ExperimentError(file: file, line: line, column: column, key: nil, message: "invalid YAML: \(problem)")
        default:
            return ExperimentError(file: file, line: 1, column: 1, key: nil, message: "invalid YAML: \(error)")
        }
    }

    /// Yams gives reader errors as an offset in `Character`s.
    private static func position(ofCharacterOffset offset: Int, in source: String) -> (line: Int, column: Int) {
        var line = 1
        var column = 1
        for character in source.prefix(offset) {
            if character == "\n" || character == "\r\n" {
                line += 1
                column = 1
            } else {
                column += character.unicodeScalars.count
            }
        }
        return (line, column)
    }
}

extension ExperimentError {
    /// Yams leaves `mark` nil only for nodes built in code, never for parsed ones.
    init(file: String, mark: Mark?, key: String?, message: String) {
        self.init(file: file, line: mark?.line ?? 1, column: mark?.column ?? 1, key: key, message: message)
    }
}
