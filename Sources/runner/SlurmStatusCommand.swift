import ArgumentParser
import Cluster
import Foundation
import Results

struct SlurmStatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show an experiment's runs by status across its shard and merged databases, and its Slurm jobs.",
        discussion: """
            Reads results/shards/NAME-*-of-*.sqlite and results/results.sqlite; a run counts \
            with its best status among them (done, then running, then failed or diverged, \
            then pending). Beside them, what squeue (and sacct, where the cluster keeps \
            accounting) say of the jobs recorded in results/slurm/NAME/jobs.
            """
    )

    @Argument(help: "The experiment file (YAML) that was submitted.")
    var file: String

    func run() throws {
        let plan = try ExperimentPlan.load(path: file)
        let layout = SlurmLayout(experiment: plan.experiment.name)
        let hashes = plan.runs.map(\.configHash)

        let databases = layout.existingShardDatabases()
            + (FileManager.default.fileExists(atPath: layout.mergedDatabase) ? [layout.mergedDatabase] : [])
        var best: [String: (status: RunStatus, databases: [String])] = [:]
        var summaries: [[String]] = []
        for database in databases {
            let statuses = try SQLiteResultsStore(path: database, readOnly: true).statuses(of: hashes)
            summaries.append([database] + Self.order.map { status in String(statuses.values.filter { $0 == status }.count) })
            for (hash, status) in statuses {
                best[hash] = Self.better(best[hash], (status, [database]))
            }
        }

        let counts = Self.order.map { status in (status, plan.runs.filter { (best[$0.configHash]?.status ?? .pending) == status }.count) }
        print("\(plan.experiment.name): \(plan.runs.count) runs: "
            + counts.map { "\($0.1) \($0.0.rawValue)" }.joined(separator: ", "))
        if databases.isEmpty {
            print("no databases yet (\(layout.shardDirectory)/\(plan.experiment.name)-*-of-*.sqlite, \(layout.mergedDatabase))")
        } else {
            print()
            print(TextTable(columns: ["database"] + Self.order.map(\.rawValue), rows: summaries).render())
        }
        print()
        let rows = plan.runs.map { run -> [String] in
            let entry = best[run.configHash]
            return [
                String(run.index + 1), run.label(varying: plan.experiment.gridKeys),
                entry?.status.rawValue ?? RunStatus.pending.rawValue,
                entry.map { $0.databases.map(Self.shortName).joined(separator: " ") } ?? "",
            ]
        }
        print(TextTable(columns: ["#", "run", "status", "in"], rows: rows).render())
        print()
        printJobs(layout: layout)
    }

    /// The run's best status so far against its status in one more database,
    /// with the databases where it has the better one.
    private static func better(
        _ current: (status: RunStatus, databases: [String])?, _ next: (status: RunStatus, databases: [String])
    ) -> (status: RunStatus, databases: [String]) {
        guard let current, rank(next.status) <= rank(current.status) else { return next }
        return rank(next.status) == rank(current.status) ? (current.status, current.databases + next.databases) : current
    }

    /// The statuses in the order the summaries list them.
    private static let order: [RunStatus] = [.done, .running, .failed, .diverged, .pending]

    /// A run's progress: a database where it is done outranks one where it
    /// runs, which outranks one where it failed, which outranks pending.
    private static func rank(_ status: RunStatus) -> Int {
        switch status {
        case .done: 3
        case .running: 2
        case .failed, .diverged: 1
        case .pending: 0
        }
    }

    /// `smoke-0-of-3.sqlite` for `results/shards/smoke-0-of-3.sqlite`.
    private static func shortName(_ database: String) -> String {
        (database as NSString).lastPathComponent
    }

    /// squeue's `12`, `12_3`, `12_[4-7]` in job then task order, pending
    /// ranges of tasks last.
    private static func jobOrder(_ id: String) -> (job: Int, task: Int) {
        let parts = id.split(separator: "_", maxSplits: 1)
        return (Int(parts.first ?? "") ?? Int.max, parts.count == 2 ? Int(parts[1]) ?? Int.max : -1)
    }

    private func printJobs(layout: SlurmLayout) {
        let records: [SlurmJobRecord]
        do {
            records = try SlurmJobRecord.read(path: layout.jobsFile)
        } catch {
            print("jobs: \(error)")
            return
        }
        guard !records.isEmpty else {
            print("no jobs submitted yet (\(layout.jobsFile) is missing)")
            return
        }
        print("submitted (\(layout.jobsFile)):")
        print(TextTable(
            columns: ["job", "kind", "indices", "tasks", "submitted"],
            rows: records.map { [$0.jobID, $0.kind.rawValue, $0.indices, String($0.tasks), $0.submitted] }
        ).render())
        print()

        let ids = records.map(\.jobID)
        let slurm = SlurmTools()
        var known: Set<String> = []
        switch squeue(slurm, ids: ids) {
        case .success(let rows) where !rows.isEmpty:
            print("squeue:")
            print(TextTable(columns: ["job", "name", "state", "time", "reason"], rows: rows).render())
            known = Set(rows.map { String($0[0].prefix { $0.isNumber }) })
        case .success:
            print("squeue: none of these jobs is known any more")
        case .failure(let failure):
            print("\(failure) (no live job states)")
        }
        let forgotten = ids.filter { !known.contains($0) }
        guard !forgotten.isEmpty else { return }
        print()
        do {
            let rows = try slurm.accounting(jobIDs: forgotten)
            print("sacct:")
            print(TextTable(columns: ["job", "name", "state", "elapsed", "exit"], rows: rows).render())
        } catch {
            print("\(error); jobs \(forgotten.joined(separator: ", ")) are not in squeue, so their end is unknown here")
        }
    }

    /// squeue's rows for `ids`, finished jobs included while the controller
    /// still remembers them (MinJobAge).
    private func squeue(_ slurm: some SlurmClient, ids: [String]) -> Result<[[String]], ClusterError> {
        do {
            let rows = try slurm.queue(jobIDs: ids)
            return .success(rows.sorted { Self.jobOrder($0[0]) < Self.jobOrder($1[0]) })
        } catch {
            return .failure(error as? ClusterError ?? ClusterError(.slurm, "squeue: \(error)"))
        }
    }
}
