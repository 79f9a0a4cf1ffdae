import Foundation
import Results

/// Where an experiment's Slurm submissions keep their files, relative to the
/// working directory the jobs run in.
public struct SlurmLayout: Sendable, Equatable {
    public let experiment: String
    /// The absolute working directory: batch jobs `cd` here before anything else.
    public let workingDirectory: String
    public let results: ResultsLayout

    public init(
        experiment: String, workingDirectory: String = FileManager.default.currentDirectoryPath,
        results: ResultsLayout = ResultsLayout()
    ) {
        self.experiment = experiment
        self.workingDirectory = workingDirectory
        self.results = results
    }

    /// `results/slurm/NAME`: the submitted scripts and the `jobs` record.
    public var recordDirectory: String { results.slurmDirectory(experiment: experiment) }
    public var logDirectory: String { recordDirectory + "/logs" }
    public var jobsFile: String { recordDirectory + "/jobs" }

    /// Where the array job's script is kept once Slurm has accepted it as `jobID`.
    public func arrayScript(jobID: String) -> String { "\(recordDirectory)/array-\(jobID).sbatch" }
    public func mergeScript(jobID: String) -> String { "\(recordDirectory)/merge-\(jobID).sbatch" }

    /// The database the merge job folds the shards into.
    public var mergedDatabase: String { results.database }
    public var exportDirectory: String { results.exportDirectory }
    public var shardDirectory: String { results.shardDirectory }

    /// The database of shard INDEX of COUNT, which array task INDEX writes.
    public func shardDatabase(index: Int, of count: Int) -> String {
        results.shardDatabase(experiment: experiment, index: index, of: count)
    }

    /// Every shard database of the experiment, whatever the shard count,
    /// sorted by count then index.
    public func existingShardDatabases() -> [String] {
        results.existingShardDatabases(experiment: experiment)
    }

    /// `path` made absolute against the working directory.
    public func absolute(_ path: String) -> String {
        path.hasPrefix("/") ? path : workingDirectory + "/" + path
    }
}
