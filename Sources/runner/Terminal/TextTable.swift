/// Renders rows as columns aligned with spaces, numbers right-aligned; for
/// `runner query`, `runner list`, `--dry-run` and the sweep's summary.
struct TextTable {
    var columns: [String]
    var rows: [[String]]

    func render() -> String {
        var widths = columns.map(\.count)
        for row in rows {
            for (i, cell) in row.enumerated() where i < widths.count {
                widths[i] = max(widths[i], cell.count)
            }
        }
        let numeric = columns.indices.map { i in
            !rows.isEmpty && rows.allSatisfy { row in i >= row.count || row[i].isEmpty || Double(row[i]) != nil }
        }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { i, cell in
                let padding = String(repeating: " ", count: max(0, widths[i] - cell.count))
                return numeric[i] ? padding + cell : cell + padding
            }
            .joined(separator: "  ")
            .trimmingTrailingSpaces()
        }
        var lines = [line(columns), line(widths.map { String(repeating: "-", count: $0) })]
        lines += rows.map(line)
        return lines.joined(separator: "\n")
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var result = self
        while result.last == " " { result.removeLast() }
        return result
    }
}
