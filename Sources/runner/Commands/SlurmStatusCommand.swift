import ArgumentParser
import Cluster
import Foundation
import Results
import Sweep

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

    @OptionGroup var overrides: OverrideOptions

    func run() throws {
        let plan = try SweepPlan.load(path: file, overrides: overrides.overrides, anchors: .runner)
        let layout = SlurmLayout(experiment: plan.experiment.name)
        let status = try SlurmStatus(layout: layout, configHashes: plan.runs.map(\.configHash), slurm: SlurmTools())

        let counts = Self.order.map { state in (state, plan.runs.filter { status.status(of: $0.configHash) == state }.count) }
        print("\(plan.experiment.name): \(plan.runs.count) runs: "
            + counts.map { "\($0.1) \($0.0.rawValue)" }.joined(separator: ", "))
        if status.databases.isEmpty {
            print("no databases yet (\(layout.shardDirectory)/\(plan.experiment.name)-*-of-*.sqlite, \(layout.mergedDatabase))")
        } else {
            let summaries = status.databases.map { database in [database.path] + Self.order.map { String(database.counts[$0] ?? 0) } }
            print()
            print(TextTable(columns: ["database"] + Self.order.map(\.rawValue), rows: summaries).render())
        }
        print()
        let settings = RunSetting.varying(among: plan.runs.map(\.record))
        let rows = plan.runs.map { run -> [String] in
            let progress = status.runs[run.configHash]
            return [
                String(run.index + 1), RunSetting.label(run.record, showing: settings),
                status.status(of: run.configHash).rawValue,
                progress.map { $0.databases.map(Self.shortName).joined(separator: " ") } ?? "",
            ]
        }
        print(TextTable(columns: ["#", "run", "status", "in"], rows: rows).render())
        print()
        printJobs(status.jobs, layout: layout)
    }

    /// The statuses in the order the summaries list them. Not `pruned`:
    /// Slurm refuses experiments with early stopping, whose runs alone have it.
    private static let order: [RunStatus] = [.done, .running, .failed, .diverged, .pending]

    /// `smoke-0-of-3.sqlite` for `results/shards/smoke-0-of-3.sqlite`.
    private static func shortName(_ database: String) -> String {
        (database as NSString).lastPathComponent
    }

    private func printJobs(_ status: Result<SlurmStatus.Jobs, ClusterError>, layout: SlurmLayout) {
        let jobs: SlurmStatus.Jobs
        switch status {
        case .success(let submitted):
            jobs = submitted
        case .failure(let error):
            print("jobs: \(error)")
            return
        }
        guard !jobs.records.isEmpty else {
            print("no jobs submitted yet (\(layout.jobsFile) is missing)")
            return
        }
        print("submitted (\(layout.jobsFile)):")
        print(TextTable(
            columns: ["job", "kind", "indices", "tasks", "submitted"],
            rows: jobs.records.map { [$0.jobID, $0.kind.rawValue, $0.indices, String($0.tasks), $0.submitted] }
        ).render())
        print()

        switch jobs.queue {
        case .success(let rows) where !rows.isEmpty:
            print("squeue:")
            print(TextTable(columns: ["job", "name", "state", "time", "reason"], rows: rows).render())
        case .success:
            print("squeue: none of these jobs is known any more")
        case .failure(let failure):
            print("\(failure) (no live job states)")
        }
        guard let accounting = jobs.accounting else { return }
        print()
        switch accounting {
        case .success(let rows):
            print("sacct:")
            print(TextTable(columns: ["job", "name", "state", "elapsed", "exit"], rows: rows).render())
        case .failure(let failure):
            print("\(failure); jobs \(jobs.forgotten.joined(separator: ", ")) are not in squeue, so their end is unknown here")
        }
    }
}
