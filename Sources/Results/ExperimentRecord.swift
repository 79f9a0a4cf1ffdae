/// An experiment file as registered: its name is its identity, its spec's
/// SHA-256 tells one version of it from another.
public struct ExperimentRecord: Sendable, Equatable {
    public var name: String
    public var description: String
    public var specYAML: String
    public var specSHA256: String
    /// The file the spec was read from, as given; kept with the version.
    public var sourcePath: String?

    public init(name: String, description: String, specYAML: String, specSHA256: String, sourcePath: String? = nil) {
        self.name = name
        self.description = description
        self.specYAML = specYAML
        self.specSHA256 = specSHA256
        self.sourcePath = sourcePath
    }
}

/// One registered version of an experiment's spec (`experiment_versions`).
public struct ExperimentVersion: Sendable, Equatable {
    public var specYAML: String
    public var specSHA256: String
    /// ISO 8601 UTC; for a version registered before versions were kept,
    /// the experiment's first registration.
    public var registeredAt: String?
    /// The spec's file as given to the sweep that registered it; nil when unknown.
    public var sourcePath: String?

    public init(specYAML: String, specSHA256: String, registeredAt: String?, sourcePath: String?) {
        self.specYAML = specYAML
        self.specSHA256 = specSHA256
        self.registeredAt = registeredAt
        self.sourcePath = sourcePath
    }
}
