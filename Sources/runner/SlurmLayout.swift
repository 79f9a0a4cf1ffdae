import Foundation
import Results

/// Where `runner slurm` keeps an experiment's files, relative to the working
/// directory the jobs run in.
struct SlurmLayout {
    let experiment: String
    /// The absolute working directory: batch jobs `cd` here before anything else.
    let workingDirectory: String
    let results: ResultsLayout

    init(
        experiment: String, workingDirectory: String = FileManager.default.currentDirectoryPath,
        results: ResultsLayout = ResultsLayout()
    ) {
        self.experiment = experiment
        self.workingDirectory = workingDirectory
        self.results = results
    }

    /// `results/slurm/NAME`: the submitted scripts and the `jobs` record.
    var recordDirectory: String { results.slurmDirectory(experiment: experiment) }
    var logDirectory: String { recordDirectory + "/logs" }
    var jobsFile: String { recordDirectory + "/jobs" }

    /// The database the merge job folds the shards into.
    var mergedDatabase: String { results.database }
    var exportDirectory: String { results.exportDirectory }
    var shardDirectory: String { results.shardDirectory }

    /// The database `runner sweep FILE --shard INDEX/COUNT` writes by default.
    func shardDatabase(index: Int, of count: Int) -> String {
        results.shardDatabase(experiment: experiment, index: index, of: count)
    }

    /// Every shard database of the experiment, whatever the shard count,
    /// sorted by count then index.
    func existingShardDatabases() -> [String] {
        results.existingShardDatabases(experiment: experiment)
    }

    /// `path` made absolute against the working directory.
    func absolute(_ path: String) -> String {
        path.hasPrefix("/") ? path : workingDirectory + "/" + path
    }
}
