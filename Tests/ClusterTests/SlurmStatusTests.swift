import Foundation
import Results
import XCTest
@testable import Cluster

final class SlurmStatusTests: XCTestCase {
    // MARK: - Runs

    func testWithoutDatabasesOrJobsEveryRunIsPendingAndSlurmIsNotAsked() throws {
        let layout = try makeLayout()
        let slurm = FakeSlurm()

        let status = try SlurmStatus(layout: layout, configHashes: ["a", "b"], slurm: slurm)

        XCTAssertEqual(status.databases, [])
        XCTAssertEqual(status.runs, [:])
        XCTAssertEqual(status.status(of: "a"), .pending)
        XCTAssertEqual(status.jobs, .success(SlurmStatus.Jobs(records: [], queue: .success([]), forgotten: [], accounting: nil)))
        XCTAssertEqual(slurm.requests, [])
    }

    /// Done outranks running, which outranks failed and diverged alike,
    /// which outrank pending; a tie lists every database that has it.
    func testARunHasItsBestStatusAcrossTheShardsAndTheMergedDatabase() throws {
        let layout = try makeLayout()
        let first = layout.shardDatabase(index: 0, of: 2)
        let second = layout.shardDatabase(index: 1, of: 2)
        try makeDatabase(first, ["a": .done, "b": .running, "c": .pending, "d": .diverged])
        try makeDatabase(second, ["a": .pending, "b": .pending, "c": .failed, "d": .failed])
        try makeDatabase(layout.mergedDatabase, ["a": .done])

        let status = try SlurmStatus(layout: layout, configHashes: ["a", "b", "c", "d", "e"], slurm: FakeSlurm())

        XCTAssertEqual(status.databases, [
            SlurmStatus.Database(path: first, counts: [.done: 1, .running: 1, .pending: 1, .diverged: 1]),
            SlurmStatus.Database(path: second, counts: [.pending: 2, .failed: 2]),
            SlurmStatus.Database(path: layout.mergedDatabase, counts: [.done: 1]),
        ])
        XCTAssertEqual(status.runs, [
            "a": SlurmStatus.RunProgress(status: .done, databases: [first, layout.mergedDatabase]),
            "b": SlurmStatus.RunProgress(status: .running, databases: [first]),
            "c": SlurmStatus.RunProgress(status: .failed, databases: [second]),
            "d": SlurmStatus.RunProgress(status: .diverged, databases: [first, second]),
        ])
        XCTAssertEqual(["a", "b", "c", "d", "e"].map(status.status(of:)), [.done, .running, .failed, .diverged, .pending])
    }

    /// Only the runs asked about count: a database may hold other experiments.
    func testRunsNotAskedAboutAreLeftOut() throws {
        let layout = try makeLayout()
        try makeDatabase(layout.mergedDatabase, ["a": .done, "other": .done])

        let status = try SlurmStatus(layout: layout, configHashes: ["a"], slurm: FakeSlurm())

        XCTAssertEqual(status.databases, [SlurmStatus.Database(path: layout.mergedDatabase, counts: [.done: 1])])
        XCTAssertEqual(Array(status.runs.keys), ["a"])
    }

    func testADatabaseThatCannotBeReadIsAResultsError() throws {
        let layout = try makeLayout()
        let shard = layout.shardDatabase(index: 0, of: 1)
        try FileManager.default.createDirectory(atPath: layout.shardDirectory, withIntermediateDirectories: true)
        try "not a database\n".write(toFile: shard, atomically: false, encoding: .utf8)

        XCTAssertThrowsError(try SlurmStatus(layout: layout, configHashes: ["a"], slurm: FakeSlurm())) { error in
            XCTAssertEqual((error as? ResultsError)?.path, shard, "\(error)")
        }
    }

    // MARK: - Jobs

    func testJobsSqueueKnowsAreListedInJobThenTaskOrderAndNotAskedOfSacct() throws {
        let layout = try makeLayout()
        try record(in: layout, ["12": .array, "13": .merge])
        let slurm = FakeSlurm()
        slurm.queue = .success([
            ["13", "eta-merge", "PENDING", "0:00", "Dependency"], ["12_[2-3]", "eta", "PENDING", "0:00", "JobArrayTaskLimit"],
            ["12_1", "eta", "RUNNING", "0:07", "None"], ["12_0", "eta", "RUNNING", "0:09", "None"],
        ])

        let jobs = try SlurmStatus(layout: layout, configHashes: ["a"], slurm: slurm).jobs.get()

        XCTAssertEqual(jobs.records.map(\.jobID), ["12", "13"])
        XCTAssertEqual(jobs.queue, .success([
            ["12_0", "eta", "RUNNING", "0:09", "None"], ["12_1", "eta", "RUNNING", "0:07", "None"],
            ["12_[2-3]", "eta", "PENDING", "0:00", "JobArrayTaskLimit"], ["13", "eta-merge", "PENDING", "0:00", "Dependency"],
        ]))
        XCTAssertEqual(jobs.forgotten, [])
        XCTAssertNil(jobs.accounting)
        XCTAssertEqual(slurm.requests, ["queue 12,13"])
    }

    func testJobsSqueueHasForgottenAreAskedOfSacct() throws {
        let layout = try makeLayout()
        try record(in: layout, ["12": .array, "13": .merge, "20": .array, "21": .merge])
        let slurm = FakeSlurm()
        slurm.queue = .success([["20_1", "eta", "RUNNING", "0:03", "None"]])
        slurm.accounting = .success([["12", "eta", "COMPLETED", "00:00:10", "0:0"], ["13", "eta-merge", "COMPLETED", "00:00:01", "0:0"]])

        let jobs = try SlurmStatus(layout: layout, configHashes: ["a"], slurm: slurm).jobs.get()

        XCTAssertEqual(jobs.forgotten, ["12", "13", "21"])
        XCTAssertEqual(jobs.accounting, .success([["12", "eta", "COMPLETED", "00:00:10", "0:0"], ["13", "eta-merge", "COMPLETED", "00:00:01", "0:0"]]))
        XCTAssertEqual(slurm.requests, ["queue 12,13,20,21", "accounting 12,13,21"])
    }

    /// Without squeue's answer every job is asked of sacct, and each failure is kept.
    func testFailuresOfSqueueAndSacctAreKeptBesideTheRecords() throws {
        let layout = try makeLayout()
        try record(in: layout, ["12": .array, "13": .merge])
        let slurm = FakeSlurm()
        slurm.queue = .failure(ClusterError(.slurm, "squeue: Unable to contact slurm controller"))
        slurm.accounting = .failure(ClusterError(.slurm, "sacct: Slurm accounting storage is disabled"))

        let jobs = try SlurmStatus(layout: layout, configHashes: ["a"], slurm: slurm).jobs.get()

        XCTAssertEqual(jobs.queue, .failure(ClusterError(.slurm, "squeue: Unable to contact slurm controller")))
        XCTAssertEqual(jobs.forgotten, ["12", "13"])
        XCTAssertEqual(jobs.accounting, .failure(ClusterError(.slurm, "sacct: Slurm accounting storage is disabled")))
    }

    /// The runs are still shown when the record of jobs is not runner's.
    func testABadRecordOfJobsIsKeptBesideTheRuns() throws {
        let layout = try makeLayout()
        try makeDatabase(layout.mergedDatabase, ["a": .done])
        try FileManager.default.createDirectory(atPath: layout.recordDirectory, withIntermediateDirectories: true)
        try "job\tkind\tindices\ttasks\tsubmitted\n12\tarray\n".write(toFile: layout.jobsFile, atomically: false, encoding: .utf8)
        let slurm = FakeSlurm()

        let status = try SlurmStatus(layout: layout, configHashes: ["a"], slurm: slurm)

        XCTAssertEqual(status.status(of: "a"), .done)
        XCTAssertEqual(status.jobs, .failure(ClusterError(.input, "\(layout.jobsFile):2: not a job record: 12\tarray")))
        XCTAssertEqual(slurm.requests, [])
    }

    // MARK: - Helpers

    private func makeLayout() throws -> SlurmLayout {
        let directory = try makeTemporaryDirectory()
        return SlurmLayout(experiment: "eta", workingDirectory: directory, results: ResultsLayout(root: directory + "/results"))
    }

    /// A database of experiment `eta` whose runs, named by config hash, have these statuses.
    private func makeDatabase(_ path: String, _ statuses: [String: RunStatus]) throws {
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        let store = try SQLiteResultsStore(path: path)
        defer { try? store.close() }
        let runs = statuses.keys.sorted().map { hash in
            RunRecord(
                configHash: hash, layers: [784, 30, 10], eta: 3, epochs: 1, batchSize: 10, seed: 1, initialization: "gaussian",
                dataset: "mnist", trainLimit: 1000, testLimit: 500, paramsJSON: #"{"hash":"\#(hash)"}"#)
        }
        _ = try store.register(ExperimentRecord(name: "eta", description: "", specYAML: "name: eta\n", specSHA256: "sha-eta"), runs: runs)
        let owner = Provenance(runnerVersion: "0.1.0", gitCommit: nil, kernels: "portable", host: "test-host", pid: 4242)
        for (hash, status) in statuses where status != .pending {
            let runID = try XCTUnwrap(try store.claim(configHash: hash, owner: owner, retryFailed: false))
            if status != .running { try store.finish(runID: runID, status: status, error: nil, wallSeconds: 1) }
        }
    }

    private func record(in layout: SlurmLayout, _ jobs: KeyValuePairs<String, SlurmJobRecord.Kind>) throws {
        try FileManager.default.createDirectory(atPath: layout.recordDirectory, withIntermediateDirectories: true)
        try SlurmJobRecord.append(jobs.map { id, kind in
            SlurmJobRecord(jobID: id, kind: kind, indices: kind == .array ? "0-3" : "-", tasks: 4, submitted: "2025-01-31T12:00:00Z")
        }, to: layout.jobsFile)
    }
}
