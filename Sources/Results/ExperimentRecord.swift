/// An experiment file as registered: its name is its identity.
public struct ExperimentRecord: Sendable, Equatable {
    public var name: String
    public var description: String
    public var specYAML: String
    public var specSHA256: String

    public init(name: String, description: String, specYAML: String, specSHA256: String) {
        self.name = name
        self.description = description
        self.specYAML = specYAML
        self.specSHA256 = specSHA256
    }
}
