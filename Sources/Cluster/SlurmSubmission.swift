import Foundation

/// An experiment planned as a Slurm job array, one shard per task, and the
/// job that merges the shards: the shard count, the array indices and both
/// batch scripts, checked against the experiment's earlier submissions.
public struct SlurmSubmission: Sendable, Equatable {
    public let scripts: SlurmBatchScripts
    public var layout: SlurmLayout { scripts.layout }

    /// The array and merge jobs Slurm accepted.
    public struct Jobs: Sendable, Equatable {
        public let array: String
        public let merge: String
    }

    /// Plans the submission of `runCount` runs from `experimentFile` with
    /// the `--set` `overrides` given.
    ///
    /// - Parameters:
    ///   - tasks: N, the array's tasks; by default one per run, or with
    ///     `only` the N of the last submission, whose shard databases the
    ///     tasks must write again.
    ///   - only: the tasks to submit again, of the same N.
    ///   - runner: the executable the jobs run; by default this very one.
    /// - Throws: ``ClusterError`` (input) when `only` does not fit N, no
    ///   earlier submission gives N, or the record of earlier submissions
    ///   is not runner's; (files) when that record cannot be read or the
    ///   executable cannot be told.
    public init(
        experimentFile: String, overrides: [String] = [], runCount: Int, layout: SlurmLayout, tasks: Int?,
        only: SlurmArrayIndices?,
        cpusPerTask: Int, partition: String?, time: String?, account: String?, runner: String? = nil
    ) throws(ClusterError) {
        let records = try SlurmJobRecord.read(path: layout.jobsFile)
        let taskCount = try Self.shardCount(runs: runCount, tasks: tasks, only: only, records: records, layout: layout)
        let indices = only?.specification ?? (taskCount == 1 ? "0" : "0-\(taskCount - 1)")
        if let only, let outside = only.indices.first(where: { $0 >= taskCount }) {
            throw ClusterError(.input, "--only \(outside): the array has tasks 0 to \(taskCount - 1) (--tasks \(taskCount))")
        }
        let executable = if let runner { runner } else { try Self.runnerExecutable() }
        scripts = SlurmBatchScripts(
            layout: layout, experimentFile: experimentFile, overrides: overrides, runner: executable, tasks: taskCount,
            arrayIndices: indices, cpusPerTask: cpusPerTask, partition: partition, time: time, account: account)
    }

    /// N: --tasks, else the N of the last submission when resubmitting
    /// tasks (their shard databases are named after it), else one per run.
    private static func shardCount(
        runs: Int, tasks: Int?, only: SlurmArrayIndices?, records: [SlurmJobRecord], layout: SlurmLayout
    ) throws(ClusterError) -> Int {
        let previous = records.last { $0.kind == .array }?.tasks
        guard only != nil else { return tasks ?? runs }
        guard let count = tasks ?? previous else {
            throw ClusterError(.input, "--only needs --tasks N: no earlier submission is recorded in \(layout.jobsFile)")
        }
        if let previous, count != previous {
            throw ClusterError(.input,
                "--tasks \(count) with --only: the last submission had \(previous) tasks, whose shards are "
                    + "\(layout.shardDatabase(index: 0, of: previous)) and so on; pass --tasks \(previous)")
        }
        return count
    }

    /// Submits the array, then the merge job that waits for it, and keeps
    /// both scripts and their job ids under the layout's record directory.
    /// When the merge job is refused the array is cancelled, and when
    /// either is refused nothing is kept.
    ///
    /// - Throws: ``ClusterError`` (slurm) when Slurm refused a job, saying
    ///   what became of the array; (files) when a directory or the record
    ///   could not be written.
    public func submit(to slurm: some SlurmClient, at date: Date = Date()) throws(ClusterError) -> Jobs {
        // The tasks write their logs from the moment the array is accepted, so
        // the log directory comes first; it goes again if nothing was submitted.
        let created = try Self.createDirectories(layout.logDirectory)
        let arrayJob: String
        let mergeJob: String
        do throws(ClusterError) {
            arrayJob = try slurm.submit(script: scripts.array)
        } catch {
            Self.removeEmpty(created)
            throw error
        }
        let mergeScript = scripts.merge(arrayJobID: arrayJob)
        do throws(ClusterError) {
            mergeJob = try slurm.submit(script: mergeScript)
        } catch {
            let cancelled: String
            do throws(ClusterError) {
                try slurm.cancel(jobID: arrayJob)
                cancelled = "array job \(arrayJob) was accepted and is cancelled"
            } catch {
                cancelled = "array job \(arrayJob) was accepted and could not be cancelled (\(error)); cancel it with: scancel \(arrayJob)"
            }
            Self.removeEmpty(created)
            throw ClusterError(.slurm, "\(error) (merge job); \(cancelled)")
        }

        let submitted = ISO8601DateFormatter().string(from: date)
        do {
            try Data(scripts.array.utf8).write(to: URL(fileURLWithPath: layout.arrayScript(jobID: arrayJob)))
            try Data(mergeScript.utf8).write(to: URL(fileURLWithPath: layout.mergeScript(jobID: mergeJob)))
            try SlurmJobRecord.append([
                SlurmJobRecord(jobID: arrayJob, kind: .array, indices: scripts.arrayIndices, tasks: scripts.tasks, submitted: submitted),
                SlurmJobRecord(jobID: mergeJob, kind: .merge, indices: "-", tasks: scripts.tasks, submitted: submitted),
            ], to: layout.jobsFile)
        } catch {
            throw ClusterError(.files,
                "array job \(arrayJob) and merge job \(mergeJob) are submitted, but their record in "
                    + "\(layout.recordDirectory) could not be written: \(error.localizedDescription)")
        }
        return Jobs(array: arrayJob, merge: mergeJob)
    }

    /// Creates `path` and its missing parents; returns those it created, deepest first.
    private static func createDirectories(_ path: String) throws(ClusterError) -> [String] {
        var missing: [String] = []
        var directory = path
        while !directory.isEmpty, directory != ".", !FileManager.default.fileExists(atPath: directory) {
            missing.append(directory)
            directory = (directory as NSString).deletingLastPathComponent
        }
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw ClusterError(.files, "\(path): cannot create: \(error.localizedDescription)")
        }
        return missing
    }

    /// Removes the directories a submission created, if nothing was put in them.
    private static func removeEmpty(_ directories: [String]) {
        for directory in directories where (try? FileManager.default.contentsOfDirectory(atPath: directory))?.isEmpty == true {
            try? FileManager.default.removeItem(atPath: directory)
        }
    }

    /// The absolute path of this executable, which the jobs run.
    private static func runnerExecutable() throws(ClusterError) -> String {
        if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return path }
        if let path = Bundle.main.executablePath, path.hasPrefix("/") { return path }
        throw ClusterError(.files, "cannot tell the path of the runner executable for the batch scripts")
    }
}
