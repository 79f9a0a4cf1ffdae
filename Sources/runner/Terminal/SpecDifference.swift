/// The lines in which two versions of an experiment's spec differ, as a
/// unified diff lists them (`- old`, `+ new`), without context, for a
/// refused registration to show what the new spec would change.
enum SpecDifference {
    /// At most `limit` changed lines, old before new where a line was
    /// changed, then a line counting the rest.
    static func lines(from old: String, to new: String, limit: Int) -> [String] {
        let changes = changedLines(from: specLines(old), to: specLines(new))
        guard changes.count > limit else { return changes }
        let more = changes.count - limit
        return changes.prefix(limit) + ["… and \(more) more changed line\(more == 1 ? "" : "s")"]
    }

    private static func specLines(_ text: String) -> [Substring] {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        if lines.last?.isEmpty == true { lines.removeLast() }
        return lines
    }

    /// The lines of a shortest edit script: the common prefix and suffix
    /// set aside, a longest common subsequence of the rest, unless the rest
    /// is too large to compare line by line (an experiment file never is),
    /// when it is all removed and added.
    private static func changedLines(from old: [Substring], to new: [Substring]) -> [String] {
        var start = 0
        while start < old.count, start < new.count, old[start] == new[start] { start += 1 }
        var oldEnd = old.count
        var newEnd = new.count
        while oldEnd > start, newEnd > start, old[oldEnd - 1] == new[newEnd - 1] {
            oldEnd -= 1
            newEnd -= 1
        }
        let a = Array(old[start..<oldEnd])
        let b = Array(new[start..<newEnd])
        guard a.count * b.count <= 1_000_000 else {
            return a.map { "- \($0)" } + b.map { "+ \($0)" }
        }
        // common[i][j]: the longest common subsequence of a[i...] and b[j...].
        var common = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in stride(from: a.count - 1, through: 0, by: -1) {
            for j in stride(from: b.count - 1, through: 0, by: -1) {
                common[i][j] = a[i] == b[j] ? common[i + 1][j + 1] + 1 : max(common[i + 1][j], common[i][j + 1])
            }
        }
        var changes: [String] = []
        var (i, j) = (0, 0)
        while i < a.count || j < b.count {
            if i < a.count, j < b.count, a[i] == b[j] {
                i += 1
                j += 1
            } else if j == b.count || (i < a.count && common[i + 1][j] >= common[i][j + 1]) {
                changes.append("- \(a[i])")
                i += 1
            } else {
                changes.append("+ \(b[j])")
                j += 1
            }
        }
        return changes
    }
}
