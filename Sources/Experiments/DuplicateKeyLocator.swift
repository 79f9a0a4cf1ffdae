import Yams

/// Finds where a duplicated key repeats and which mapping it is in.
///
/// Yams refuses duplicate keys while composing, so there is no tree to look
/// in, and it reports only the key's first occurrence. Renaming that
/// occurrence (one character inserted after its first) lets the file compose;
/// the renamed key's mapping then gives the path, and the key still bearing
/// the original name is the repeat.
enum DuplicateKeyLocator {
    static func locate(
        name: String, first: Mark, in source: String
    ) -> (path: String, line: Int, column: Int)? {
        var lines = SourceScreen.lines(of: source).map { Array($0) }
        let lineIndex = first.line - 1
        guard lines.indices.contains(lineIndex), first.column <= lines[lineIndex].count else { return nil }
        lines[lineIndex].insert("~", at: first.column)
        var edited = String.UnicodeScalarView()
        for (index, line) in lines.enumerated() {
            if index > 0 { edited.append("\n") }
            edited.append(contentsOf: line)
        }
        guard let root = try? Yams.compose(yaml: String(edited)) else { return nil }
        guard let found = search(root, path: "", name: name, first: first) else { return nil }
        // The inserted character shifted everything after it on that line.
        let shift = found.repeat.line == first.line && found.repeat.column > first.column ? 1 : 0
        return (found.path, found.repeat.line, found.repeat.column - shift)
    }

    private static func search(_ node: Node, path: String, name: String, first: Mark) -> (path: String, repeat: Mark)? {
        if let mapping = node.mapping {
            let isRenamed = { (key: Node) in key.mark?.line == first.line && key.mark?.column == first.column }
            if mapping.keys.contains(where: isRenamed),
               let repeated = mapping.keys.first(where: { !isRenamed($0) && $0.scalar?.string == name }),
               let mark = repeated.mark {
                return (path.isEmpty ? name : "\(path).\(name)", mark)
            }
            for (key, value) in mapping {
                let childPath = path.isEmpty ? (key.scalar?.string ?? "?") : "\(path).\(key.scalar?.string ?? "?")"
                if let found = search(value, path: childPath, name: name, first: first) { return found }
            }
        } else if let sequence = node.sequence {
            for (index, element) in sequence.enumerated() {
                if let found = search(element, path: "\(path)[\(index)]", name: name, first: first) { return found }
            }
        }
        return nil
    }
}
