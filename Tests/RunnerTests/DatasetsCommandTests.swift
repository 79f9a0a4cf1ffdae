import Foundation
import XCTest

/// `runner datasets`: each dataset found, with its sizes and checksum, and
/// every place each name is looked for.
final class DatasetsCommandTests: XCTestCase {
    func testListsWhatRunnerDataHoldsAndWhereItLooked() throws {
        let root = try makeTemporaryDirectory()
        let data = try SyntheticDataSet(in: root, name: "mnist", trainImageCount: 100, testImageCount: 20)
        let work = root.appendingPathComponent("work")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)

        let output = try RunnerProcess.run(["datasets", "mnist", "kmnist"], environment: ["RUNNER_DATA": root.path], in: work)

        XCTAssertEqual(output.status, 0, output.transcript)
        let rows = output.stdoutLines.map { $0.split(separator: " ").map(String.init) }
        XCTAssertEqual(rows.first, ["name", "train", "test", "classes", "checksum", "directory", "found", "via"])
        XCTAssertEqual(rows[2], ["mnist", "100", "20", "10", try sha256(of: SyntheticDataSet.fileNames.map(data.file)), data.path, "$RUNNER_DATA"])
        XCTAssertEqual(rows[3], ["kmnist", "not", "found"])
        XCTAssertEqual(Array(output.stdoutLines.suffix(3)), [
            "Looked for in this order; the first directory found is used:",
            "mnist: $RUNNER_DATA/mnist (\(data.path)), " + Self.besideTheExecutable + ", ./data/mnist (\(work.path)/data/mnist)",
            "kmnist: kmnist (\(work.path)/kmnist)",
        ])
    }

    /// Without arguments, every built-in name; the repository's mnist is
    /// found from another directory, with MNIST's sizes and checksum.
    func testListsEveryBuiltInName() throws {
        let output = try RunnerProcess.run(["datasets"], environment: ["RUNNER_DATA": ""], in: try makeTemporaryDirectory())

        XCTAssertEqual(output.status, 0, output.transcript)
        XCTAssertEqual(output.stdoutLines[2].split(separator: " ").map(String.init), [
            "mnist", "60000", "10000", "10", "b2d8f5bf39174ee5ffeefa97e42d673c35432b411bb5d1f74fbbeddae7f1690a",
            RunnerProcess.repositoryRoot.appendingPathComponent("data/mnist").path, "the", "runner", "executable",
        ])
        XCTAssertTrue(output.stdoutLines[3].hasPrefix("fashion-mnist "), output.transcript)
    }

    /// A directory found that is no dataset is shown as such, and is an error.
    func testADirectoryThatIsNoDatasetIsAnError() throws {
        let root = try makeTemporaryDirectory()
        try FileManager.default.createDirectory(at: root.appendingPathComponent("mnist"), withIntermediateDirectories: true)

        let output = try RunnerProcess.run(["datasets", "mnist"], environment: ["RUNNER_DATA": root.path], in: root)

        XCTAssertEqual(output.status, 2, output.transcript)
        XCTAssertEqual(output.stdoutLines[2].split(separator: " ").map(String.init), [
            "mnist", "unreadable", root.appendingPathComponent("mnist").path, "$RUNNER_DATA",
        ])
        XCTAssertEqual(output.stderr, "runner: error: dataset 'mnist': \(root.path)/mnist/train-images-idx3-ubyte.gz: missing\n")
    }

    /// How the places list the walk up from this test's runner.
    private static var besideTheExecutable: String {
        let directory = RunnerProcess.executable!.resolvingSymlinksInPath().deletingLastPathComponent().path
        return "data/mnist in \(directory) or a directory above it (the runner executable's)"
    }

    /// What `sha256sum` says of the files' bytes one after another.
    private func sha256(of files: [String]) throws -> String {
        let output = try RunnerProcess.execute(URL(fileURLWithPath: "/bin/sh"), ["-c", "cat \"$@\" | sha256sum", "sh"] + files)
        XCTAssertEqual(output.status, 0, output.transcript)
        return String(output.stdout.prefix(64))
    }
}
