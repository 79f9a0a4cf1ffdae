/// What folding one shard database into another did.
public struct MergeReport: Sendable, Equatable {
    /// Runs copied in: new to the target, or finished where the target's were not.
    public var merged: [String] = []
    /// Runs the target already has: done in both with the same numbers, or
    /// (with `includeUnfinished`) unfinished in the shard.
    public var alreadyPresent: [String] = []
    /// Runs left out because they are not done in the shard (without `--all`).
    public var unfinished: [String] = []
    /// Runs done in both with different numbers: never overwritten.
    public var conflicts: [MergeConflict] = []

    public init() {}
}

/// A run that two databases hold with different numbers for the same
/// configuration hash, which deterministic training rules out: one of the
/// two was altered, or trained by a runner whose arithmetic changed without
/// a new hash version.
public struct MergeConflict: Sendable, Equatable, CustomStringConvertible {
    public var configHash: String
    /// The first difference, e.g. `epoch 3 test_accuracy: 0.9123 here, 0.9124 in the shard`.
    public var difference: String

    public var description: String { "run \(configHash): \(difference)" }
}
