/// A registration refused because the experiment's name is registered with
/// another spec: as data, for the caller to render with the differences
/// and the ways out.
public struct ExperimentSpecConflict: Error, Sendable, Equatable {
    /// The store the experiment is registered in (a database file).
    public var store: String
    /// The registration refused.
    public var experiment: ExperimentRecord
    /// The spec the name is registered with: its current version.
    public var registered: ExperimentVersion

    public init(store: String, experiment: ExperimentRecord, registered: ExperimentVersion) {
        self.store = store
        self.experiment = experiment
        self.registered = registered
    }
}
