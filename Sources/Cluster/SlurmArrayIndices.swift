/// Array indices as `--only` takes them: `1,3`, `0-2,5`; kept as given for
/// sbatch's `--array`, expanded to check them against the task count.
public struct SlurmArrayIndices: Sendable, Equatable {
    public let indices: [Int]
    public let specification: String

    /// Nil unless `specification` is a comma-separated list of indices `I`
    /// and ranges `I-J` with I ≤ J.
    public init?(_ specification: String) {
        var indices: [Int] = []
        for part in specification.split(separator: ",", omittingEmptySubsequences: false) {
            let bounds = part.split(separator: "-", omittingEmptySubsequences: false).map { Int($0) }
            guard (1...2).contains(bounds.count), let first = bounds.first ?? nil, let last = bounds.last ?? nil,
                  first >= 0, first <= last else { return nil }
            indices += Array(first...last)
        }
        guard !indices.isEmpty else { return nil }
        self.indices = indices
        self.specification = specification
    }
}
