import Foundation
import Results

/// An experiment submitted to Slurm as its files and Slurm tell it: each
/// run's best status across its shard databases and the merged database,
/// and what squeue, and sacct where the cluster keeps accounting, say of
/// the jobs recorded in `results/slurm/NAME/jobs`.
public struct SlurmStatus: Sendable, Equatable {
    /// One database's runs of the experiment, counted by status.
    public struct Database: Sendable, Equatable {
        public let path: String
        /// Runs the database lacks are in no count.
        public let counts: [RunStatus: Int]
    }

    /// A run's best status and the databases where it has that status.
    public struct RunProgress: Sendable, Equatable {
        public let status: RunStatus
        public let databases: [String]
    }

    /// The jobs submitted and what Slurm says of them. Slurm is asked
    /// nothing when none was submitted.
    public struct Jobs: Sendable, Equatable {
        /// Oldest first.
        public let records: [SlurmJobRecord]
        /// squeue's rows for the recorded jobs in job then task order,
        /// pending ranges of tasks last.
        public let queue: Result<[[String]], ClusterError>
        /// The recorded jobs squeue has no row for: ended so long ago that
        /// the controller forgot them (MinJobAge), or squeue failed.
        public let forgotten: [String]
        /// sacct's rows for ``forgotten``; nil when squeue knows every job.
        public let accounting: Result<[[String]], ClusterError>?
    }

    /// The shard databases, then the merged database, those that exist.
    public let databases: [Database]
    /// By config hash; a run in no database is missing.
    public let runs: [String: RunProgress]
    /// Why the record of submitted jobs could not be read, when it could not.
    public let jobs: Result<Jobs, ClusterError>

    /// Reads every database of the experiment, then asks Slurm about its jobs.
    ///
    /// - Throws: ``ResultsError`` when a database cannot be read; the jobs'
    ///   failures are in ``jobs`` instead, so the runs are shown regardless.
    public init(layout: SlurmLayout, configHashes: [String], slurm: some SlurmClient) throws {
        let paths = layout.existingShardDatabases()
            + (FileManager.default.fileExists(atPath: layout.mergedDatabase) ? [layout.mergedDatabase] : [])
        var databases: [Database] = []
        var runs: [String: RunProgress] = [:]
        for path in paths {
            let statuses = try SQLiteResultsStore(path: path, readOnly: true).statuses(of: configHashes)
            databases.append(Database(path: path, counts: statuses.values.reduce(into: [:]) { $0[$1, default: 0] += 1 }))
            for (hash, status) in statuses {
                runs[hash] = Self.better(runs[hash], RunProgress(status: status, databases: [path]))
            }
        }
        self.databases = databases
        self.runs = runs
        jobs = Result { () throws(ClusterError) in try Self.jobs(layout: layout, slurm: slurm) }
    }

    /// The run's best status, `pending` for a run in no database.
    public func status(of configHash: String) -> RunStatus {
        runs[configHash]?.status ?? .pending
    }

    /// The run's best status so far against its status in one more database,
    /// with the databases where it has the better one.
    private static func better(_ current: RunProgress?, _ next: RunProgress) -> RunProgress {
        guard let current, rank(next.status) <= rank(current.status) else { return next }
        return rank(next.status) == rank(current.status)
            ? RunProgress(status: current.status, databases: current.databases + next.databases) : current
    }

    /// A run's progress: a database where it is done (or pruned, finished
    /// by early stopping) outranks one where it runs, which outranks one
    /// where it failed, which outranks pending.
    private static func rank(_ status: RunStatus) -> Int {
        switch status {
        case .done, .pruned: 3
        case .running: 2
        case .failed, .diverged: 1
        case .pending: 0
        }
    }

    private static func jobs(layout: SlurmLayout, slurm: some SlurmClient) throws(ClusterError) -> Jobs {
        let records = try SlurmJobRecord.read(path: layout.jobsFile)
        guard !records.isEmpty else { return Jobs(records: [], queue: .success([]), forgotten: [], accounting: nil) }
        let ids = records.map(\.jobID)
        let queue = Result { () throws(ClusterError) in
            try slurm.queue(jobIDs: ids).sorted { jobOrder($0[0]) < jobOrder($1[0]) }
        }
        // squeue names array tasks `12_3` and `12_[4-7]`.
        let known = Set(((try? queue.get()) ?? []).map { String($0[0].prefix { $0.isNumber }) })
        let forgotten = ids.filter { !known.contains($0) }
        let accounting = forgotten.isEmpty ? nil : Result { () throws(ClusterError) in try slurm.accounting(jobIDs: forgotten) }
        return Jobs(records: records, queue: queue, forgotten: forgotten, accounting: accounting)
    }

    /// squeue's `12`, `12_3`, `12_[4-7]` in job then task order, pending
    /// ranges of tasks last.
    private static func jobOrder(_ id: String) -> (job: Int, task: Int) {
        let parts = id.split(separator: "_", maxSplits: 1)
        return (Int(parts.first ?? "") ?? Int.max, parts.count == 2 ? Int(parts[1]) ?? Int.max : -1)
    }
}
