import Foundation
import Results
import XCTest
@testable import Cluster

final class SlurmSubmissionTests: XCTestCase {
    private let runner = "/opt/runner/bin/runner"
    /// 2025-01-31T12:00:00Z
    private let submitted = Date(timeIntervalSince1970: 1_738_324_800)

    // MARK: - Planning

    func testTheArrayHasOneTaskPerRunByDefault() throws {
        let layout = try makeLayout()

        let submission = try plan(layout, runCount: 4)

        XCTAssertEqual(submission.scripts, SlurmBatchScripts(
            layout: layout, experimentFile: "eta.yaml", runner: runner, tasks: 4, arrayIndices: "0-3", cpusPerTask: 1,
            partition: nil, time: nil, account: nil))
    }

    func testTasksAndTheJobsFlagsGoIntoTheScripts() throws {
        let layout = try makeLayout()

        let submission = try SlurmSubmission(
            experimentFile: "eta.yaml", runCount: 4, layout: layout, tasks: 2, only: nil, cpusPerTask: 3,
            partition: "debug", time: "00:30:00", account: "lab", runner: runner)

        XCTAssertEqual(submission.scripts, SlurmBatchScripts(
            layout: layout, experimentFile: "eta.yaml", runner: runner, tasks: 2, arrayIndices: "0-1", cpusPerTask: 3,
            partition: "debug", time: "00:30:00", account: "lab"))
    }

    /// sbatch takes `--array=0`, not the range `0-0`.
    func testASingleTaskIsIndexZero() throws {
        XCTAssertEqual(try plan(try makeLayout(), runCount: 1).scripts.arrayIndices, "0")
    }

    func testOnlyKeepsItsIndicesAsGiven() throws {
        let submission = try plan(try makeLayout(), runCount: 4, tasks: 6, only: "0-2,5")

        XCTAssertEqual(submission.scripts.tasks, 6)
        XCTAssertEqual(submission.scripts.arrayIndices, "0-2,5")
    }

    /// The tasks must write the shard databases of the last submission, named after its N.
    func testOnlyTakesNFromTheLastArraySubmitted() throws {
        let layout = try makeLayout()
        try record(in: layout, [
            SlurmJobRecord(jobID: "10", kind: .array, indices: "0-2", tasks: 3, submitted: "2025-01-30T09:00:00Z"),
            SlurmJobRecord(jobID: "11", kind: .merge, indices: "-", tasks: 3, submitted: "2025-01-30T09:00:00Z"),
            SlurmJobRecord(jobID: "20", kind: .array, indices: "0-4", tasks: 5, submitted: "2025-01-31T09:00:00Z"),
            SlurmJobRecord(jobID: "21", kind: .merge, indices: "-", tasks: 5, submitted: "2025-01-31T09:00:00Z"),
        ])

        let submission = try plan(layout, runCount: 4, only: "1,4")

        XCTAssertEqual(submission.scripts.tasks, 5)
        XCTAssertEqual(submission.scripts.arrayIndices, "1,4")
    }

    func testOnlyWithoutTasksOrAnEarlierSubmissionIsBadInput() throws {
        let layout = try makeLayout()

        XCTAssertThrowsError(try plan(layout, runCount: 4, only: "1")) { error in
            XCTAssertEqual(error as? ClusterError, ClusterError(
                .input, "--only needs --tasks N: no earlier submission is recorded in \(layout.jobsFile)"))
        }
    }

    func testOnlyWithAnotherNThanTheLastSubmissionIsBadInput() throws {
        let layout = try makeLayout()
        try record(in: layout, [SlurmJobRecord(jobID: "10", kind: .array, indices: "0-2", tasks: 3, submitted: "2025-01-30T09:00:00Z")])

        XCTAssertThrowsError(try plan(layout, runCount: 4, tasks: 4, only: "1")) { error in
            XCTAssertEqual(error as? ClusterError, ClusterError(
                .input, "--tasks 4 with --only: the last submission had 3 tasks, whose shards are "
                    + "\(layout.shardDatabase(index: 0, of: 3)) and so on; pass --tasks 3"))
        }
    }

    /// Without --only, --tasks is free to differ from the last submission: a new set of shards.
    func testANewSubmissionMayChooseAnotherN() throws {
        let layout = try makeLayout()
        try record(in: layout, [SlurmJobRecord(jobID: "10", kind: .array, indices: "0-2", tasks: 3, submitted: "2025-01-30T09:00:00Z")])

        XCTAssertEqual(try plan(layout, runCount: 4, tasks: 4).scripts.arrayIndices, "0-3")
    }

    func testOnlyBeyondTheLastTaskIsBadInput() throws {
        XCTAssertThrowsError(try plan(try makeLayout(), runCount: 4, tasks: 4, only: "1,4-5")) { error in
            XCTAssertEqual(error as? ClusterError, ClusterError(.input, "--only 4: the array has tasks 0 to 3 (--tasks 4)"))
        }
    }

    func testAnUnreadableRecordIsReported() throws {
        let layout = try makeLayout()
        try FileManager.default.createDirectory(atPath: layout.recordDirectory, withIntermediateDirectories: true)
        try "job\tkind\tindices\ttasks\tsubmitted\nnonsense\n".write(toFile: layout.jobsFile, atomically: false, encoding: .utf8)

        XCTAssertThrowsError(try plan(layout, runCount: 4)) { error in
            XCTAssertEqual(error as? ClusterError, ClusterError(.input, "\(layout.jobsFile):2: not a job record: nonsense"))
        }
    }

    func testTheJobsRunThisExecutableUnlessTold() throws {
        let submission = try SlurmSubmission(
            experimentFile: "eta.yaml", runCount: 4, layout: try makeLayout(), tasks: nil, only: nil, cpusPerTask: 1,
            partition: nil, time: nil, account: nil)

        XCTAssertTrue(submission.scripts.runner.hasPrefix("/"), submission.scripts.runner)
        XCTAssertTrue(FileManager.default.isExecutableFile(atPath: submission.scripts.runner), submission.scripts.runner)
    }

    func testPlanningWritesNothing() throws {
        let layout = try makeLayout()

        _ = try plan(layout, runCount: 4)

        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: layout.workingDirectory), [])
    }

    // MARK: - Submitting

    func testTheMergeJobIsSubmittedAfterTheArrayAndWaitsForIt() throws {
        let submission = try plan(try makeLayout(), runCount: 4, tasks: 3)
        let slurm = FakeSlurm(submissions: [.success("12"), .success("13")])

        let jobs = try submission.submit(to: slurm, at: submitted)

        XCTAssertEqual(jobs, SlurmSubmission.Jobs(array: "12", merge: "13"))
        XCTAssertEqual(slurm.requests, ["submit", "submit"])
        XCTAssertEqual(slurm.submittedScripts, [submission.scripts.array, submission.scripts.merge(arrayJobID: "12")])
    }

    func testAcceptedJobsAreRecordedWithTheirScripts() throws {
        let layout = try makeLayout()
        let submission = try plan(layout, runCount: 4, tasks: 3)

        _ = try submission.submit(to: FakeSlurm(submissions: [.success("12"), .success("13")]), at: submitted)

        XCTAssertEqual(try files(under: layout.recordDirectory), ["array-12.sbatch", "jobs", "logs", "merge-13.sbatch"])
        XCTAssertEqual(try String(contentsOfFile: layout.arrayScript(jobID: "12"), encoding: .utf8), submission.scripts.array)
        XCTAssertEqual(try String(contentsOfFile: layout.mergeScript(jobID: "13"), encoding: .utf8), submission.scripts.merge(arrayJobID: "12"))
        XCTAssertEqual(try String(contentsOfFile: layout.jobsFile, encoding: .utf8), """
            job\tkind\tindices\ttasks\tsubmitted
            12\tarray\t0-2\t3\t2025-01-31T12:00:00Z
            13\tmerge\t-\t3\t2025-01-31T12:00:00Z

            """)
        XCTAssertEqual(try files(under: layout.logDirectory), [])
    }

    /// A resubmission with --only adds its jobs to the record, after the first ones.
    func testAResubmissionIsRecordedAfterTheFirst() throws {
        let layout = try makeLayout()
        _ = try plan(layout, runCount: 4, tasks: 3).submit(to: FakeSlurm(submissions: [.success("12"), .success("13")]), at: submitted)

        let again = try plan(layout, runCount: 4, only: "1")
        _ = try again.submit(to: FakeSlurm(submissions: [.success("20"), .success("21")]), at: submitted.addingTimeInterval(3600))

        XCTAssertEqual(try SlurmJobRecord.read(path: layout.jobsFile), [
            SlurmJobRecord(jobID: "12", kind: .array, indices: "0-2", tasks: 3, submitted: "2025-01-31T12:00:00Z"),
            SlurmJobRecord(jobID: "13", kind: .merge, indices: "-", tasks: 3, submitted: "2025-01-31T12:00:00Z"),
            SlurmJobRecord(jobID: "20", kind: .array, indices: "1", tasks: 3, submitted: "2025-01-31T13:00:00Z"),
            SlurmJobRecord(jobID: "21", kind: .merge, indices: "-", tasks: 3, submitted: "2025-01-31T13:00:00Z"),
        ])
        XCTAssertEqual(try files(under: layout.recordDirectory), [
            "array-12.sbatch", "array-20.sbatch", "jobs", "logs", "merge-13.sbatch", "merge-21.sbatch",
        ])
    }

    func testARefusedArrayIsReportedInSlurmsWordsAndLeavesNothing() throws {
        let layout = try makeLayout()
        let refusal = ClusterError(.slurm, "sbatch: Batch job submission failed: Invalid partition name specified")
        let slurm = FakeSlurm(submissions: [.failure(refusal)])

        XCTAssertThrowsError(try plan(layout, runCount: 4).submit(to: slurm)) { error in
            XCTAssertEqual(error as? ClusterError, refusal)
        }
        XCTAssertEqual(slurm.requests, ["submit"])
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: layout.workingDirectory), [])
    }

    func testARefusedMergeJobCancelsTheArrayAndLeavesNothing() throws {
        let layout = try makeLayout()
        let slurm = FakeSlurm(submissions: [.success("12"), .failure(ClusterError(.slurm, "sbatch: Job violates accounting/QOS policy"))])

        XCTAssertThrowsError(try plan(layout, runCount: 4).submit(to: slurm)) { error in
            XCTAssertEqual(error as? ClusterError, ClusterError(
                .slurm, "sbatch: Job violates accounting/QOS policy (merge job); array job 12 was accepted and is cancelled"))
        }
        XCTAssertEqual(slurm.requests, ["submit", "submit", "cancel 12"])
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: layout.workingDirectory), [])
    }

    func testAnArrayThatCannotBeCancelledIsNamedWithTheCommandThatWould() throws {
        let layout = try makeLayout()
        let slurm = FakeSlurm(submissions: [.success("12"), .failure(ClusterError(.slurm, "sbatch: Socket timed out"))])
        slurm.cancellation = .failure(ClusterError(.slurm, "scancel: Unable to contact slurm controller"))

        XCTAssertThrowsError(try plan(layout, runCount: 4).submit(to: slurm)) { error in
            XCTAssertEqual(error as? ClusterError, ClusterError(
                .slurm, "sbatch: Socket timed out (merge job); array job 12 was accepted and could not be cancelled "
                    + "(scancel: Unable to contact slurm controller); cancel it with: scancel 12"))
        }
    }

    /// Only the directories the refused submission created go; those there
    /// before, and whatever they hold, stay.
    func testARefusedSubmissionKeepsTheDirectoriesThatWereThere() throws {
        let layout = try makeLayout()
        try FileManager.default.createDirectory(atPath: layout.shardDirectory, withIntermediateDirectories: true)
        let slurm = FakeSlurm(submissions: [.failure(ClusterError(.slurm, "sbatch: refused"))])

        XCTAssertThrowsError(try plan(layout, runCount: 4).submit(to: slurm))

        XCTAssertEqual(try files(under: layout.results.root), ["shards"])
    }

    func testARecordThatCannotBeWrittenSaysBothJobsAreSubmitted() throws {
        let layout = try makeLayout()
        let submission = try plan(layout, runCount: 4, tasks: 2)
        // Where the record goes, a directory, made once the plan has read the record.
        try FileManager.default.createDirectory(atPath: layout.jobsFile, withIntermediateDirectories: true)

        XCTAssertThrowsError(try submission.submit(to: FakeSlurm(submissions: [.success("12"), .success("13")]))) { error in
            let failure = error as? ClusterError
            XCTAssertEqual(failure?.kind, .files, "\(error)")
            let expected = "array job 12 and merge job 13 are submitted, but their record in \(layout.recordDirectory) could not be written: "
            XCTAssertTrue(failure?.message.hasPrefix(expected) ?? false, "\(error)")
        }
    }

    // MARK: - Helpers

    /// An experiment `eta` in a fresh working directory, with its results
    /// under it as `results/` is under the directory a command runs in.
    private func makeLayout() throws -> SlurmLayout {
        let directory = try makeTemporaryDirectory()
        return SlurmLayout(experiment: "eta", workingDirectory: directory, results: ResultsLayout(root: directory + "/results"))
    }

    private func plan(_ layout: SlurmLayout, runCount: Int, tasks: Int? = nil, only: String? = nil) throws -> SlurmSubmission {
        try SlurmSubmission(
            experimentFile: "eta.yaml", runCount: runCount, layout: layout, tasks: tasks, only: only.map { SlurmArrayIndices($0)! },
            cpusPerTask: 1, partition: nil, time: nil, account: nil, runner: runner)
    }

    private func record(in layout: SlurmLayout, _ records: [SlurmJobRecord]) throws {
        try FileManager.default.createDirectory(atPath: layout.recordDirectory, withIntermediateDirectories: true)
        try SlurmJobRecord.append(records, to: layout.jobsFile)
    }

    private func files(under directory: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
    }
}
