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
