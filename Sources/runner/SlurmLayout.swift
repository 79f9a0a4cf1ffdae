import Foundation

/// Where `runner slurm` keeps an experiment's files, relative to the working
/// directory the jobs run in.
struct SlurmLayout {
    let experiment: String
    /// The absolute working directory: batch jobs `cd` here before anything else.
    let workingDirectory: String

    init(experiment: String, workingDirectory: String = FileManager.default.currentDirectoryPath) {
        self.experiment = experiment
        self.workingDirectory = workingDirectory
    }

    /// `results/slurm/NAME`: the submitted scripts and the `jobs` record.
    var recordDirectory: String { "results/slurm/\(experiment)" }
    var logDirectory: String { recordDirectory + "/logs" }
    var jobsFile: String { recordDirectory + "/jobs" }

    /// The database the merge job folds the shards into.
    var mergedDatabase: String { StoreOptions.defaultDatabase }
    var exportDirectory: String { "results" }
    var shardDirectory: String { "results/shards" }

    /// The database `runner sweep FILE --shard INDEX/COUNT` writes by default.
    func shardDatabase(index: Int, of count: Int) -> String {
        "\(shardDirectory)/\(experiment)-\(index)-of-\(count).sqlite"
    }

    /// Every shard database of the experiment, whatever the shard count,
    /// sorted by count then index. Matched exactly, so the shards of an
    /// experiment named `eta-fine` are not taken for those of `eta`.
    func existingShardDatabases() -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: shardDirectory)) ?? []
        let shards = names.compactMap { name -> (index: Int, count: Int, name: String)? in
            guard name.hasPrefix(experiment + "-"), name.hasSuffix(".sqlite") else { return nil }
            let middle = name.dropFirst(experiment.count + 1).dropLast(".sqlite".count)
            let parts = middle.split(separator: "-", omittingEmptySubsequences: false)
            guard parts.count == 3, parts[1] == "of", let index = Int(parts[0]), let count = Int(parts[2]),
                  String(index) == parts[0], String(count) == parts[2] else { return nil }
            return (index, count, name)
        }
        return shards.sorted { ($0.count, $0.index) < ($1.count, $1.index) }
            .map { "\(shardDirectory)/\($0.name)" }
    }

    /// `path` made absolute against the working directory.
    func absolute(_ path: String) -> String {
        path.hasPrefix("/") ? path : workingDirectory + "/" + path
    }
}
