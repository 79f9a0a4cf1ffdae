import ArgumentParser
import Cluster
import Experiments
import Foundation
import Results
import Sweep

struct SweepCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep",
        abstract: "Train every run of an experiment file and log each epoch to the database.",
        discussion: """
            Expands the file's grid times its seeds, skips runs already done in the \
            database, trains the rest on --jobs threads and commits every epoch as it \
            finishes. When every run of the experiment is done it writes NAME-runs.csv, \
            NAME-configs.csv, NAME-epochs.csv and NAME-timings.csv into --out. Ctrl-C stops after the \
            epochs in flight and hands unfinished runs back, so the same command resumes. \
            Exit codes: 0 all done, 1 some run failed or diverged (in this sweep, or in \
            an earlier one and not retried) or the database could not be written or is \
            damaged (refused before anything is written), 2 bad experiment file, dataset, database or flag, or an \
            experiment name registered with another spec (see --replace), 130/143 interrupted.
            """
    )

    @Argument(help: "The experiment file (YAML).")
    var file: String

    @OptionGroup var overrides: OverrideOptions

    @OptionGroup var store: StoreOptions

    // Unconditional, so that `--jobs -1` reaches `validate()` rather than reading as a flag.
    @Option(parsing: .unconditional, help: "Runs trained at once, one thread each (default: the number of cores).")
    var jobs: Int?

    /// `--jobs`, or the machine's cores; optional so help shows no one machine's count.
    private var workerCount: Int { jobs ?? ProcessInfo.processInfo.activeProcessorCount }

    @Option(help: "Directory for the CSV exports.")
    var out = ResultsLayout().exportDirectory

    @Option(
        parsing: .unconditional,
        help: ArgumentHelp(
            "Train only shard I of N (0-based), e.g. 0/4: a fixed partition of the runs by identity, for job arrays. Without --db, into results/shards/NAME-I-of-N.sqlite.",
            valueName: "I/N"),
        transform: { try Shard(parsing: $0) })
    var shard: Shard?

    @Flag(help: "Print the expanded runs and their status; train nothing.")
    var dryRun = false

    @Flag(help: "Train failed and diverged runs again.")
    var retryFailed = false

    @Flag(help: "Register the file's spec even though the experiment's name is registered with another one; the old spec is kept as an earlier version, and runs the new one no longer lists are unlinked from the experiment (not deleted).")
    var replace = false

    @Flag(help: "No progress on standard error.")
    var quiet = false

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1, got \(jobs)") }
    }

    func run() throws {
        let plan = try SweepPlan.load(path: file, overrides: overrides.overrides, anchors: .runner)
        if shard != nil, let refusal = plan.shardingRefusal { throw RunnerFailure.input(refusal) }
        let database = databasePath(experiment: plan.experiment.name)
        let mine = Set((shard?.select(plan.runs) { $0.configHash } ?? plan.runs).map(\.configHash))
        if dryRun { return try printDryRun(plan, database: database, mine: mine) }

        // Before the database is opened to write, which changes its bytes even when nothing is written.
        if !replace { try SQLiteResultsStore.checkRegistration(plan.record, at: database) }
        let store = try StoreOptions.open(database)
        // Closed here rather than when released: the signal handlers hold
        // the store until their sources are torn down, which may be after the
        // process has exited. A failed close loses nothing: the WAL keeps
        // every commit.
        defer { try? store.close() }
        let session = SweepSession(
            plan: plan, store: store, owner: .current(runnerVersion: Runner.version), mine: mine,
            retryFailed: retryFailed, replacingSpec: replace)
        let start = try session.prepare()
        let todo = start.todo
        let progress = SweepProgress(
            totalRuns: todo.count, totalEpochs: start.epochsToTrain,
            settings: RunSetting.varying(among: plan.runs.map(\.record)), quiet: quiet)
        let part = shard.map { "shard \($0) of " } ?? ""
        let threads = min(workerCount, max(todo.count, 1))
        progress.message("\(part)\(plan.experiment.name): \(mine.count) runs, \(mine.count - todo.count) already finished, "
            + "training \(todo.count) on \(threads) thread\(threads == 1 ? "" : "s") into \(database)")

        if !start.reclaimed.isEmpty {
            progress.message("\(start.reclaimed.count) run(s) left running by a process that is gone will continue after their last recorded epoch")
        }
        let interruption = Interruption(
            onFirstSignal: {
                progress.message("stopping after the epochs in flight; press Ctrl-C again to stop at once")
            },
            onSecondSignal: { code in
                // Said first: the hand-back waits for the database's write lock.
                progress.message("stopping at once; handing back the unfinished runs")
                let outcome = (try? session.handBack()) != nil
                    ? "unfinished runs are handed back" : "unfinished runs stay marked running until the next sweep"
                FileHandle.standardError.write(Data("runner: stopped; \(outcome). Resume with: \(resumeCommand)\n".utf8))
                Foundation.exit(code)
            })
        let summary = session.train(todo, jobs: workerCount, interruption: interruption, observe: progress.show)
        progress.close()

        if let failure = summary.databaseFailure {
            // On a full disk the hand-back may fail too; runs left running by
            // a process that is gone are trained again by the next sweep.
            let handedBack = (try? session.handBack()) != nil
            throw RunnerFailure.runtime(
                "\(self.store.verbose ? failure.verboseDescription : failure.description); the sweep stopped, finished runs are saved"
                    + (handedBack ? "" : " (unfinished runs stay marked running until the next sweep)")
                    + ". Resume with: \(resumeCommand)")
        }
        if summary.interrupted {
            try session.handBack()
            FileHandle.standardError.write(Data(
                "runner: interrupted; finished runs are saved. Resume with: \(resumeCommand)\n".utf8))
            throw ExitCode(interruption.exitCode)
        }
        try report(session, reader: store, summary: summary)
    }

    /// The command as given, every flag kept (a hint naming the file alone
    /// would resume into the default database and export elsewhere), each
    /// argument quoted for a POSIX shell where it needs it.
    private var resumeCommand: String {
        (["runner"] + CommandLine.arguments.dropFirst().map(shellQuoted)).joined(separator: " ")
    }

    /// `--db`, else `results/shards/NAME-I-of-N.sqlite` for a shard (SQLite
    /// files must not be shared across machines over a network file
    /// system, so each shard writes its own), else the default.
    private func databasePath(experiment name: String) -> String {
        if let db = store.db { return db }
        let layout = ResultsLayout()
        guard let shard else { return layout.database }
        return layout.shardDatabase(experiment: name, index: shard.index, of: shard.count)
    }

    private func report(_ session: SweepSession, reader store: any ResultsReader, summary: SweepWorkers.Summary) throws {
        let plan = session.plan
        let name = plan.experiment.name
        let decimals = 4
        let best = try store.bestConfigurations(experiment: name, limit: 10, decimals: decimals)
        if !quiet {
            for line in RankedConfigurations(experiment: name, summaries: best, decimals: decimals).lines { print(line) }
        }

        if !quiet, summary.loggedEpochs > 0 {
            print(String(
                format: "database writes: %.1f ms for %d epochs, %.2f%% of training time",
                summary.loggingSeconds * 1000, summary.loggedEpochs, 100 * summary.loggingSeconds / summary.trainingSeconds))
        }

        let stock = try session.takeStock(after: summary)
        if let shard {
            if !quiet {
                print("shard \(shard): \(stock.mineDone) of \(session.mine.count) runs done; "
                    + "runner merge the shard databases for the whole experiment and its CSV exports")
            }
        } else if stock.remaining == 0 {
            let paths = try store.export(experiment: name, to: out)
            if !quiet { print("exported " + paths.joined(separator: ", ")) }
        } else if !quiet {
            print("\(stock.remaining) of \(plan.runs.count) runs are not done; CSV exports are written when all are")
        }

        // Runs that failed or diverged in this sweep, and those left so by an
        // earlier one and not retried: the experiment is incomplete either way.
        if !stock.unfinished.isEmpty {
            let settings = RunSetting.varying(among: plan.runs.map(\.record))
            let lines = stock.unfinished.map { run, status, message in
                "  \(status.rawValue): \(RunSetting.label(run.record, showing: settings)): \(message)"
            }
            throw RunnerFailure.runtime(
                "\(stock.unfinished.count) run(s) did not finish (retry with --retry-failed):\n" + lines.joined(separator: "\n"))
        }
    }

    private func printDryRun(_ plan: SweepPlan, database: String, mine: Set<String>) throws {
        let experiment = plan.experiment
        if !experiment.overrides.isEmpty {
            print("\(experiment.name): \(experiment.path) with "
                + experiment.overrides.map { "--set \($0)" }.joined(separator: " "))
        }
        var statuses: [String: RunStatus] = [:]
        if FileManager.default.fileExists(atPath: database) {
            statuses = try StoreOptions.open(database, readOnly: true).statuses(of: plan.runs.map(\.configHash))
        }
        let runs = plan.runs.filter { mine.contains($0.configHash) }
        if let earlyStop = experiment.earlyStop, let epochs = runs.first?.spec.training.epochs {
            print(EarlyStopDescription(earlyStop, epochs: epochs, runs: runs.count).line)
        }
        let options = OptionColumns(runs.map(\.spec))
        let rows = runs.map { run -> [String] in
            let t = run.spec.training
            return [
                String(run.index + 1), RunRecord.layersText(t.layers), String(t.eta),
                String(t.epochs), String(t.batchSize), t.initialization.rawValue, String(run.spec.trainLimit),
                String(run.spec.testLimit),
            ] + options.cells(run.spec) + [
                String(t.seed), statuses[run.configHash]?.rawValue ?? "new", String(run.configHash.prefix(12)),
            ]
        }
        print(TextTable(
            columns: ["#", "layers", "eta", "epochs", "batch", "init", "train", "test"] + options.names
                + ["seed", "status", "config_hash"],
            rows: rows
        ).render())
        let done = runs.filter { statuses[$0.configHash] == .done || statuses[$0.configHash] == .pruned }.count
        let part = shard.map { "shard \($0) of " } ?? ""
        print("\(part)\(plan.experiment.name): \(runs.count) runs, \(done) already have results, \(runs.count - done) to train")
        if !replace {
            do {
                try SQLiteResultsStore.checkRegistration(plan.record, at: database)
            } catch let conflict as ExperimentSpecConflict {
                print("\(plan.experiment.name) is registered in \(database) with another spec "
                    + "(sha256 \(conflict.registered.specSHA256.prefix(12))): a sweep needs --replace or another name")
            }
        }
    }
}
