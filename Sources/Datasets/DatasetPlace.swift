/// One place a dataset is looked for: the directories it stands for, tried in
/// order, and how a user reads it.
///
/// A walk up from a directory is one place with a directory per ancestor,
/// `/home/u/exp/data/mnist`, `/home/u/data/mnist`, … `/data/mnist`, and reads
/// `data/mnist in /home/u/exp or a directory above it (the experiment file's)`.
public struct DatasetPlace: Sendable, Equatable {
    /// Which anchor the place comes from; the raw value is how a listing names it.
    public enum Origin: String, Sendable, CaseIterable {
        case environment = "$RUNNER_DATA"
        case experiment = "the experiment file"
        case executable = "the runner executable"
        case installed = "runner's install prefix"
        case currentDirectory = "the current directory"
        case system = "a system package"
        case path = "the path given"
    }

    public let origin: Origin
    /// The directories tried, first to last.
    public let candidates: [String]
    /// As a miss lists it, e.g. `./data/mnist (/tmp/data/mnist)`.
    public let description: String

    public init(origin: Origin, candidates: [String], description: String) {
        self.origin = origin
        self.candidates = candidates
        self.description = description
    }
}

/// Where a dataset was found.
public struct DatasetLocation: Sendable, Equatable {
    /// The dataset's directory, absolute.
    public let directory: String
    /// The place it was found in.
    public let place: DatasetPlace
}
