import Foundation
import XCTest

/// `mnist` resolves from any directory: through `$RUNNER_DATA`, the
/// repository above the experiment file, the one above the executable, the
/// current directory; and a miss names every place it looked.
final class DataFromAnywhereTests: XCTestCase {
    private let train = ["train", "--epochs", "1", "--train-limit", "100", "--test-limit", "100", "--validation-limit", "0"]
    /// RUNNER_DATA empty reads as unset, whatever the environment the tests run in.
    private let noDataRoot = ["RUNNER_DATA": ""]

    /// From a directory outside the repository, the executable's repository
    /// provides data/mnist: the same numbers as from the repository root.
    func testTrainsOnTheExecutablesRepositoryFromAnotherDirectory() throws {
        let elsewhere = try makeTemporaryDirectory()

        let outside = try RunnerProcess.run(train, environment: noDataRoot, in: elsewhere)
        let inside = try RunnerProcess.run(train, environment: noDataRoot)

        XCTAssertEqual(outside.status, 0, outside.transcript)
        XCTAssertEqual(outside.stderr, "")
        XCTAssertEqual(outside.stdoutLines.count, 1, outside.transcript)
        XCTAssertNotNil(outside.stdout.wholeMatch(of: #/epoch 1/1  cost \d\.\d{4}  test \d\.\d{4}  \d+\.\ds\n/#), outside.stdout)
        XCTAssertEqual(withoutSeconds(outside.stdout), withoutSeconds(inside.stdout))
    }

    /// RUNNER_DATA comes first: its mnist, a small synthetic one, is what
    /// trains, as its directory given by path does.
    func testRunnerDataComesFirst() throws {
        let root = try makeTemporaryDirectory()
        let data = try SyntheticDataSet(in: root, name: "mnist", trainImageCount: 100, testImageCount: 100)
        let elsewhere = root.appendingPathComponent("work")
        try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)

        let named = try RunnerProcess.run(train, environment: ["RUNNER_DATA": root.path], in: elsewhere)
        let byPath = try RunnerProcess.run(train + ["--dataset", data.path], environment: noDataRoot, in: elsewhere)
        let mnist = try RunnerProcess.run(train, environment: noDataRoot, in: elsewhere)

        XCTAssertEqual(named.status, 0, named.transcript)
        XCTAssertEqual(named.stdoutLines.count, 1, named.transcript)
        XCTAssertEqual(withoutSeconds(named.stdout), withoutSeconds(byPath.stdout))
        XCTAssertNotEqual(withoutSeconds(named.stdout), withoutSeconds(mnist.stdout))
    }

    /// An experiment's data/mnist is found above the experiment file, from a
    /// runner and a current directory that have none.
    func testFindsDataAboveTheExperimentFile() throws {
        let root = try makeTemporaryDirectory()
        let runner = try copyOfRunner(into: root)
        let project = root.appendingPathComponent("project")
        _ = try SyntheticDataSet(in: project.appendingPathComponent("data"), name: "mnist")
        let experiment = try writeExperiment(in: project.appendingPathComponent("experiments/mine"))

        let output = try RunnerProcess.execute(runner, ["sweep", experiment, "--dry-run"], environment: noDataRoot, in: root)

        XCTAssertEqual(output.status, 0, output.transcript)
        XCTAssertEqual(output.stdoutLines.last, "anywhere: 1 runs, 0 already have results, 1 to train", output.transcript)
    }

    /// With mnist nowhere, train and sweep name every place they looked, in
    /// order, in one line, and exit 2.
    func testAMissNamesEveryPlace() throws {
        let root = try makeTemporaryDirectory()
        let runner = try copyOfRunner(into: root)
        let work = root.appendingPathComponent("work")
        let dataRoot = root.appendingPathComponent("data-root")
        for directory in [work, dataRoot] {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        }
        let experiment = try writeExperiment(in: root.appendingPathComponent("experiments"))
        let r = root.path
        let environment = "$RUNNER_DATA/mnist (\(r)/data-root/mnist)"
        let experimentFile = "data/mnist in \(r)/experiments or a directory above it (the experiment file's)"
        let executable = "data/mnist in \(r)/tool or a directory above it (the runner executable's)"
        let currentDirectory = "./data/mnist (\(r)/work/data/mnist)"
        let hint = "set RUNNER_DATA to a directory that holds mnist/"

        let trained = try RunnerProcess.execute(runner, train, environment: ["RUNNER_DATA": dataRoot.path], in: work)
        let swept = try RunnerProcess.execute(
            runner, ["sweep", experiment, "--dry-run"], environment: ["RUNNER_DATA": dataRoot.path], in: work)

        XCTAssertEqual(trained.status, 2, trained.transcript)
        XCTAssertEqual(
            trained.stderr,
            "runner: error: dataset 'mnist' not found; looked in \(environment), \(executable), \(currentDirectory); \(hint)\n")
        XCTAssertEqual(trained.stdout, "")
        XCTAssertEqual(swept.status, 2, swept.transcript)
        XCTAssertEqual(
            swept.stderr,
            "runner: error: \(experiment):1:1: dataset: cannot read dataset 'mnist': not found; "
                + "looked in \(environment), \(experimentFile), \(executable), \(currentDirectory); \(hint)\n")
        XCTAssertEqual(swept.stdout, "")
    }

    // MARK: - Helpers

    /// The runner binary copied to DIRECTORY/tool/runner, away from the
    /// repository and its data.
    private func copyOfRunner(into directory: URL) throws -> URL {
        let tool = directory.appendingPathComponent("tool")
        try FileManager.default.createDirectory(at: tool, withIntermediateDirectories: true)
        let copy = tool.appendingPathComponent("runner")
        try FileManager.default.copyItem(at: try XCTUnwrap(RunnerProcess.executable), to: copy)
        return copy
    }

    /// An experiment on mnist, no `dataset:` key; one run small enough for the synthetic data.
    private func writeExperiment(in directory: URL) throws -> String {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let file = directory.appendingPathComponent("anywhere.yaml").path
        try """
            name: anywhere
            train_limit: 20
            validation_limit: 0
            test_limit: 10
            layers: [784, 10]
            eta: 3.0
            epochs: 1
            batch: 10

            """.write(toFile: file, atomically: false, encoding: .utf8)
        return file
    }

    private func withoutSeconds(_ text: String) -> String {
        text.replacing(#/  \d+\.\ds$/#.anchorsMatchLineEndings(), with: "")
    }
}
