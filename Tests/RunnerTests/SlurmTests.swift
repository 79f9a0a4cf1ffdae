import Foundation
import XCTest

/// `runner slurm submit|status` end to end: real jobs on a real Slurm
/// cluster (the single-node one `scripts/slurm-local.sh start` runs), each
/// test in a working directory of its own.
final class SlurmTests: XCTestCase {
    /// Three array tasks train the four runs between them, each once, and
    /// the merge job folds them into the numbers a local sweep gets.
    func testSubmitTrainsEachRunOnceAndMergesTheNumbersOfALocalSweep() throws {
        try requireSlurm()
        let workspace = try SlurmWorkspace(in: makeTemporaryDirectory(), experiment: "slurm-smoke", trainLimit: 1000, epochs: 2)

        let jobs = try workspace.submit(["--tasks", "3"])
        cancelAtTeardown([jobs.array, jobs.merge])
        try SlurmCluster.waitUntilEnded([jobs.array, jobs.merge])

        let logs = workspace.logs()
        XCTAssertEqual(
            try SlurmCluster.states([jobs.array, jobs.merge]),
            ["\(jobs.array)_0 COMPLETED", "\(jobs.array)_1 COMPLETED", "\(jobs.array)_2 COMPLETED", "\(jobs.merge) COMPLETED"].sorted(),
            logs)
        // Sorted by identity and dealt round-robin, 4 runs make shards of 2, 1 and 1.
        let trainedByShard = try (0 ..< 3).map { index in
            try SQLiteShell.query(workspace.shardDatabase(index, of: 3), "SELECT config_hash FROM runs WHERE status = 'done'").rows.map { $0[0] }
        }
        XCTAssertEqual(trainedByShard.map(\.count), [2, 1, 1], logs)
        let local = try workspace.sweepLocally()
        let allRuns = try SlurmWorkspace.runCounts(local).map { $0[0] }
        XCTAssertEqual(trainedByShard.flatMap { $0 }.sorted(), allRuns, "each run trained in exactly one shard")

        XCTAssertEqual(try SlurmWorkspace.runCounts(workspace.mergedDatabase), allRuns.map { [$0, "done", "2"] }, logs)
        XCTAssertEqual(try SlurmWorkspace.epochNumbers(workspace.mergedDatabase), try SlurmWorkspace.epochNumbers(local))
        for suffix in ["runs", "configs", "epochs"] {
            XCTAssertTrue(workspace.exists("results/slurm-smoke-\(suffix).csv"), "no export of \(suffix); \(logs)")
        }
        XCTAssertEqual(
            try workspace.recordFiles(),
            ["array-\(jobs.array).sbatch", "jobs", "logs/merge-\(jobs.merge).out", "logs/task-0.out", "logs/task-1.out",
             "logs/task-2.out", "merge-\(jobs.merge).sbatch"])
        let records = try String(contentsOfFile: workspace.path("\(workspace.recordDirectory)/jobs"), encoding: .utf8)
            .split(separator: "\n").map { $0.split(separator: "\t").prefix(4).joined(separator: " ") }
        XCTAssertEqual(records, ["job kind indices tasks", "\(jobs.array) array 0-2 3", "\(jobs.merge) merge - 3"])

        let status = try workspace.runner(["slurm", "status", workspace.experimentFile])
        XCTAssertEqual(status.status, 0, status.transcript)
        XCTAssertEqual(status.stdoutLines.first, "slurm-smoke: 4 runs: 4 done, 0 running, 0 failed, 0 diverged, 0 pending")
        XCTAssertEqual(
            status.stdoutLines.filter { $0.contains("COMPLETED") }.map { $0.split(separator: " ", maxSplits: 1)[0] }.sorted(),
            ["\(jobs.array)_0", "\(jobs.array)_1", "\(jobs.array)_2", "\(jobs.merge)"].sorted(),
            status.stdout)
    }

    /// An array task cancelled with a run done and the next part-way, then
    /// submitted again with --only: it trains the run its shard lacks and
    /// nothing else, and the new merge job completes the merged database.
    func testACancelledTaskResubmittedWithOnlyTrainsJustWhatItsShardLacks() throws {
        try requireSlurm()
        let epochs = 10
        let workspace = try SlurmWorkspace(in: makeTemporaryDirectory(), experiment: "slurm-resume", trainLimit: 3000, epochs: epochs)
        let first = try workspace.submit(["--tasks", "2"])
        cancelAtTeardown([first.array, first.merge])

        let frozen = try freezeShard(of: workspace, array: first.array, shards: 2, when: "a shard with a run done and the next part-way") { runs in
            runs.contains { $0.status == "done" && $0.epochs == epochs }
                && runs.contains { $0.status == "running" && (1 ..< epochs).contains($0.epochs) }
        }
        let cancelled = frozen.shard
        let other = 1 - cancelled
        let task = "\(first.array)_\(cancelled)"
        _ = try SlurmCluster.run("scancel", [task])
        // Held at its next commit, the sweep cannot finish the run before the
        // signal: it is let go once it said it stops, or was killed.
        let log = workspace.path("\(workspace.recordDirectory)/logs/task-\(cancelled).out")
        try pollPaced("task \(task) to take the cancellation") {
            let said = (try? String(contentsOfFile: log, encoding: .utf8))?.contains("stopping after the epochs in flight") ?? false
            return try said || !SlurmCluster.isActive(task)
        }
        try frozen.session.unlockWrites()
        for session in frozen.sessions { session.close() }
        try SlurmCluster.waitUntilEnded([first.array, first.merge])
        XCTAssertEqual(
            try SlurmCluster.states([first.array, first.merge]),
            ["\(task) CANCELLED", "\(first.array)_\(other) COMPLETED", "\(first.merge) COMPLETED"].sorted(),
            workspace.logs())

        let cancelledShard = workspace.shardDatabase(cancelled, of: 2)
        let otherShard = workspace.shardDatabase(other, of: 2)
        let keptRuns = try SQLiteShell.query(cancelledShard, "SELECT * FROM runs WHERE status = 'done' ORDER BY id")
        let keptEpochs = try Self.epochsWithDurations(cancelledShard, status: "done")
        XCTAssertEqual(keptRuns.rows.count, 1, "\(frozen.runs)")
        XCTAssertEqual(keptEpochs.rows.count, epochs)
        let otherBefore = try SlurmWorkspace.contents(otherShard)
        XCTAssertEqual(try SlurmWorkspace.runCounts(workspace.mergedDatabase).filter { $0[1] == "done" }.count, 3)
        let midway = try workspace.runner(["slurm", "status", workspace.experimentFile])
        XCTAssertEqual(midway.status, 0, midway.transcript)
        XCTAssertTrue(midway.stdout.hasPrefix("slurm-resume: 4 runs: 3 done, "), midway.transcript)

        let again = try workspace.submit(["--only", "\(cancelled)"])
        cancelAtTeardown([again.array, again.merge])
        try SlurmCluster.waitUntilEnded([again.array, again.merge])
        XCTAssertEqual(
            try SlurmCluster.states([again.array, again.merge]),
            ["\(again.array)_\(cancelled) COMPLETED", "\(again.merge) COMPLETED"].sorted(),
            workspace.logs())
        let script = try String(contentsOfFile: workspace.path("\(workspace.recordDirectory)/array-\(again.array).sbatch"), encoding: .utf8)
        XCTAssertTrue(script.contains("\n#SBATCH --array=\(cancelled)\n"), script)

        // The done run was skipped (its rows, durations included, are as they
        // were), the other shard was not run, the part-way run trained fully.
        XCTAssertEqual(try SQLiteShell.query(cancelledShard, "SELECT * FROM runs WHERE id IN (\(keptRuns.rows.map { $0[0] }.joined(separator: ",")))"), keptRuns)
        XCTAssertEqual(try Self.epochsWithDurations(cancelledShard, status: "done").rows.filter(keptEpochs.rows.contains), keptEpochs.rows)
        XCTAssertEqual(try SlurmWorkspace.runCounts(cancelledShard).filter { $0[1] == "done" }.map { $0[2] }, ["\(epochs)", "\(epochs)"])
        XCTAssertEqual(try SlurmWorkspace.contents(otherShard), otherBefore)

        let local = try workspace.sweepLocally()
        XCTAssertEqual(
            try SlurmWorkspace.runCounts(workspace.mergedDatabase),
            try SlurmWorkspace.runCounts(local).map { [$0[0], "done", "\(epochs)"] }, workspace.logs())
        XCTAssertEqual(try SlurmWorkspace.epochNumbers(workspace.mergedDatabase), try SlurmWorkspace.epochNumbers(local))
    }

    /// --dry-run prints both scripts, with the array range, the CPUs and
    /// the command lines, and leaves the directory as it was.
    func testDryRunPrintsBothScriptsAndWritesNothing() throws {
        let workspace = try SlurmWorkspace(in: makeTemporaryDirectory(), experiment: "slurm-dry", trainLimit: 1000, epochs: 2)
        let runner = try XCTUnwrap(RunnerProcess.executable).resolvingSymlinksInPath().path
        let directory = workspace.directory.path

        let output = try workspace.runner([
            "slurm", "submit", workspace.experimentFile, "--tasks", "3", "--cpus-per-task", "2",
            "--partition", "debug", "--time", "00:30:00", "--account", "lab", "--dry-run",
        ])

        XCTAssertEqual(output.status, 0, output.transcript)
        XCTAssertEqual(output.stderr, "")
        XCTAssertEqual(output.stdout, """
            # array job: results/slurm/slurm-dry/array-ID.sbatch
            #!/bin/bash
            # Written by runner slurm submit. Trains shard I of 3 of experiment slurm-dry in array task I.
            #SBATCH --job-name=slurm-dry
            #SBATCH --array=0-2
            #SBATCH --ntasks=1
            #SBATCH --cpus-per-task=2
            #SBATCH --output=\(directory)/results/slurm/slurm-dry/logs/task-%a.out
            #SBATCH --open-mode=append
            #SBATCH --partition=debug
            #SBATCH --time=00:30:00
            #SBATCH --account=lab
            set -eu
            cd \(directory)
            exec \(runner) sweep slurm-dry.yaml --shard "$SLURM_ARRAY_TASK_ID/3" --jobs 2

            # merge job: results/slurm/slurm-dry/merge-ID.sbatch
            #!/bin/bash
            # Written by runner slurm submit. Merges the shards of experiment slurm-dry into results/results.sqlite and exports its CSVs.
            #SBATCH --job-name=slurm-dry-merge
            #SBATCH --dependency=afterany:ARRAY_JOB_ID
            #SBATCH --ntasks=1
            #SBATCH --cpus-per-task=1
            #SBATCH --output=\(directory)/results/slurm/slurm-dry/logs/merge-%j.out
            #SBATCH --partition=debug
            #SBATCH --time=00:30:00
            #SBATCH --account=lab
            set -eu
            cd \(directory)
            shards=()
            for shard in results/shards/slurm-dry-{0..2}-of-3.sqlite; do
                if [ -e "$shard" ]; then shards+=("$shard"); fi
            done
            if [ ${#shards[@]} -eq 0 ]; then
                echo "no shard database of slurm-dry in results/shards; see results/slurm/slurm-dry/logs" >&2
                exit 1
            fi
            \(runner) merge "${shards[@]}" --into results/results.sqlite
            exec \(runner) export --db results/results.sqlite --experiment slurm-dry --out results --allow-partial

            """)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory), [workspace.experimentFile])
    }

    /// --only with the N of the last submission: the array lists just those tasks.
    func testDryRunOfOnlyNamesJustThoseTasks() throws {
        let workspace = try SlurmWorkspace(in: makeTemporaryDirectory(), experiment: "slurm-only", trainLimit: 1000, epochs: 2)

        let output = try workspace.runner(["slurm", "submit", workspace.experimentFile, "--tasks", "4", "--only", "1,3", "--dry-run"])

        XCTAssertEqual(output.status, 0, output.transcript)
        XCTAssertEqual(output.stdoutLines.filter { $0.hasPrefix("#SBATCH --array=") }, ["#SBATCH --array=1,3"])
        let runner = try XCTUnwrap(RunnerProcess.executable).resolvingSymlinksInPath().path
        XCTAssertEqual(
            output.stdoutLines.filter { $0.contains(" sweep ") },
            ["exec \(runner) sweep slurm-only.yaml --shard \"$SLURM_ARRAY_TASK_ID/4\" --jobs 1"])
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: workspace.directory.path), [workspace.experimentFile])

        let outside = try workspace.runner(["slurm", "submit", workspace.experimentFile, "--tasks", "4", "--only", "4", "--dry-run"])
        XCTAssertEqual(outside.status, 2, outside.transcript)
        XCTAssertEqual(outside.stderr, "runner: error: --only 4: the array has tasks 0 to 3 (--tasks 4)\n")
    }

    /// Without sbatch on PATH: exit 1, a message that says so, nothing written.
    func testSubmitWithoutSbatchSaysSoAndWritesNothing() throws {
        let workspace = try SlurmWorkspace(in: makeTemporaryDirectory(), experiment: "slurm-nosbatch", trainLimit: 1000, epochs: 2)
        let emptyBin = try makeTemporaryDirectory()

        let output = try workspace.runner(["slurm", "submit", workspace.experimentFile, "--tasks", "2"], path: emptyBin.path)

        XCTAssertEqual(output.status, 1, output.transcript)
        XCTAssertEqual(output.stdout, "")
        XCTAssertEqual(output.stderr, """
            runner: error: sbatch: not found on PATH; install Slurm's client commands (Debian: apt-get install slurm-client) or run where they are

            """)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: workspace.directory.path), [workspace.experimentFile])
    }

    /// A partition the cluster lacks: Slurm's own message, exit 1, nothing written.
    func testUnknownPartitionReportsSlurmsMessageAndWritesNothing() throws {
        try requireSlurm()
        let workspace = try SlurmWorkspace(in: makeTemporaryDirectory(), experiment: "slurm-partition", trainLimit: 1000, epochs: 2)

        let output = try workspace.runner(["slurm", "submit", workspace.experimentFile, "--tasks", "2", "--partition", "no-such-partition"])

        XCTAssertEqual(output.status, 1, output.transcript)
        XCTAssertEqual(output.stdout, "")
        XCTAssertEqual(output.stderrLines.count, 1, output.transcript)
        XCTAssertTrue(output.stderr.hasPrefix("runner: error: sbatch: "), output.transcript)
        XCTAssertTrue(output.stderr.contains("Invalid partition name specified"), output.transcript)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: workspace.directory.path), [workspace.experimentFile])
    }

    /// Every flag of `slurm submit` and `slurm status` has its own line in --help.
    func testHelpDocumentsEveryFlag() throws {
        let expected = [
            "submit": ["--set", "--tasks", "--cpus-per-task", "--partition", "--time", "--account", "--only", "--dry-run"],
            "status": ["--set"],
        ]
        for (subcommand, flags) in expected {
            let output = try RunnerProcess.run(["slurm", subcommand, "--help"])

            XCTAssertEqual(output.status, 0, output.transcript)
            XCTAssertTrue(output.stdout.contains("USAGE: runner slurm \(subcommand) <file>"), output.stdout)
            let documented = output.stdoutLines.compactMap { line in line.firstMatch(of: #/^  (--[a-z-]+)/#).map { String($0.1) } }
            XCTAssertEqual(documented, flags + ["--version"], output.stdout)
        }
    }

    // MARK: - Helpers

    /// A shard's database held at an exact state: its write lock taken by
    /// `session`, so the task's sweep cannot commit past it.
    private struct FrozenShard {
        let shard: Int
        let session: SQLiteSession
        let sessions: [SQLiteSession]
        let runs: [FaultSweep.RunState]
    }

    /// Watches every shard database of the running array until one reaches
    /// `condition`, then returns with that one's write lock held. Each state
    /// is read again under the lock, and the lock let go while it does not hold.
    private func freezeShard(
        of workspace: SlurmWorkspace, array: String, shards: Int, when description: String,
        file: StaticString = #filePath, line: UInt = #line, _ condition: @escaping ([FaultSweep.RunState]) -> Bool
    ) throws -> FrozenShard {
        var sessions: [Int: SQLiteSession] = [:]
        var frozen: FrozenShard?
        var lastQueueCheck = Date.distantPast
        try poll(description, file: file, line: line) {
            for index in 0 ..< shards {
                if sessions[index] == nil, FileManager.default.fileExists(atPath: workspace.shardDatabase(index, of: shards)) {
                    sessions[index] = try SQLiteSession(workspace.shardDatabase(index, of: shards), file: file, line: line)
                }
                guard let session = sessions[index], condition(try FaultSweep.state(in: session)) else { continue }
                try session.lockWrites()
                let runs = try FaultSweep.state(in: session)
                if condition(runs) {
                    frozen = FrozenShard(shard: index, session: session, sessions: Array(sessions.values), runs: runs)
                    return true
                }
                try session.unlockWrites()
            }
            // Asking the controller every few milliseconds would load it; twice a second tells soon enough.
            if Date().timeIntervalSince(lastQueueCheck) > 0.5 {
                lastQueueCheck = Date()
                guard try SlurmCluster.isActive(array) else {
                    throw PollFailure("the array ended before \(description); logs:\n\(workspace.logs())")
                }
            }
            return false
        }
        return try XCTUnwrap(frozen, file: file, line: line)
    }

    /// `poll` for conditions that ask Slurm: checked a few times a second.
    private func pollPaced(_ what: String, file: StaticString = #filePath, line: UInt = #line, _ condition: () throws -> Bool) throws {
        var first = true
        try poll(what, file: file, line: line) {
            if !first { usleep(100_000) }
            first = false
            return try condition()
        }
    }

    /// The epochs, durations included, of the runs with `status`.
    private static func epochsWithDurations(_ database: String, status: String) throws -> CSVTable {
        try SQLiteShell.query(database, """
            SELECT e.run_id, e.epoch, quote(e.train_cost), quote(e.test_cost), quote(e.test_accuracy), quote(e.seconds)
            FROM epochs e JOIN runs r ON r.id = e.run_id WHERE r.status = '\(status)' ORDER BY e.run_id, e.epoch
            """)
    }
}
