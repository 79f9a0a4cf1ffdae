/// An experiment with its runs counted by status.
public struct ExperimentOverview: Sendable, Equatable {
    public var name: String
    public var description: String?
    /// Runs linked to the experiment by status; every status is present.
    public var counts: [RunStatus: Int]
    /// When the experiment was first registered (ISO 8601, UTC).
    public var createdAt: String?

    /// All runs linked to the experiment.
    public var total: Int { counts.values.reduce(0, +) }

    /// Linked runs that are neither `done` nor `pruned` (which early stopping
    /// finished): what a complete export still lacks.
    public var notDone: Int { total - (counts[.done] ?? 0) - (counts[.pruned] ?? 0) }

    public init(name: String, description: String?, counts: [RunStatus: Int], createdAt: String?) {
        self.name = name
        self.description = description
        self.counts = counts
        self.createdAt = createdAt
    }
}
