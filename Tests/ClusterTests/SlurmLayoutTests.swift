import Cluster
import Foundation
import Results
import XCTest

final class SlurmLayoutTests: XCTestCase {
    func testAnExperimentsFilesAreUnderResultsSlurmName() {
        let layout = SlurmLayout(experiment: "eta", workingDirectory: "/home/ada/project")

        XCTAssertEqual(layout.recordDirectory, "results/slurm/eta")
        XCTAssertEqual(layout.logDirectory, "results/slurm/eta/logs")
        XCTAssertEqual(layout.jobsFile, "results/slurm/eta/jobs")
        XCTAssertEqual(layout.arrayScript(jobID: "41"), "results/slurm/eta/array-41.sbatch")
        XCTAssertEqual(layout.mergeScript(jobID: "42"), "results/slurm/eta/merge-42.sbatch")
    }

    /// The jobs write where the commands without --db and --out read.
    func testTheDatabasesAndExportsAreTheDefaultOnes() {
        let layout = SlurmLayout(experiment: "eta", workingDirectory: "/home/ada/project")

        XCTAssertEqual(layout.mergedDatabase, ResultsLayout().database)
        XCTAssertEqual(layout.exportDirectory, ResultsLayout().exportDirectory)
        XCTAssertEqual(layout.shardDirectory, "results/shards")
        XCTAssertEqual(layout.shardDatabase(index: 1, of: 4), "results/shards/eta-1-of-4.sqlite")
    }

    func testEveryPathFollowsTheResultsRoot() {
        let layout = SlurmLayout(experiment: "eta", workingDirectory: "/home/ada", results: ResultsLayout(root: "/scratch/out"))

        XCTAssertEqual(layout.logDirectory, "/scratch/out/slurm/eta/logs")
        XCTAssertEqual(layout.mergedDatabase, "/scratch/out/results.sqlite")
        XCTAssertEqual(layout.shardDatabase(index: 0, of: 2), "/scratch/out/shards/eta-0-of-2.sqlite")
    }

    func testRelativePathsAreMadeAbsoluteAgainstTheWorkingDirectory() {
        let layout = SlurmLayout(experiment: "eta", workingDirectory: "/home/ada/project")

        XCTAssertEqual(layout.absolute("results/slurm/eta/logs"), "/home/ada/project/results/slurm/eta/logs")
        XCTAssertEqual(layout.absolute("/scratch/logs"), "/scratch/logs")
    }

    func testTheWorkingDirectoryIsTheCurrentOneUnlessGiven() {
        XCTAssertEqual(SlurmLayout(experiment: "eta").workingDirectory, FileManager.default.currentDirectoryPath)
    }

    func testExistingShardsAreThisExperimentsOnly() throws {
        let layout = SlurmLayout(experiment: "eta", results: ResultsLayout(root: try makeTemporaryDirectory()))
        try FileManager.default.createDirectory(atPath: layout.shardDirectory, withIntermediateDirectories: true)
        for name in ["eta-1-of-2.sqlite", "eta-0-of-2.sqlite", "eta-fine-0-of-2.sqlite"] {
            XCTAssertTrue(FileManager.default.createFile(atPath: layout.shardDirectory + "/" + name, contents: Data()))
        }

        XCTAssertEqual(layout.existingShardDatabases(), [layout.shardDatabase(index: 0, of: 2), layout.shardDatabase(index: 1, of: 2)])
    }
}
