/// How much a results database holds, as a backup or a recovery reports it.
public struct DatabaseContents: Sendable, Equatable {
    public var experiments: Int
    public var runs: Int
    public var epochs: Int

    public init(experiments: Int, runs: Int, epochs: Int) {
        self.experiments = experiments
        self.runs = runs
        self.epochs = epochs
    }
}
