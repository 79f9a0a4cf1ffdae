import Foundation
import XCTest

/// An experiment whose `dataset:` is a directory of broken IDX files: one
/// line naming the file at fault and what is wrong with it, exit code 2,
/// and the results database untouched, since the data is read before the
/// database is opened.
final class BadDatasetTests: XCTestCase {
    /// The control: the synthetic files as built are a dataset the sweep
    /// trains on, given the training images after the 30 trained on that
    /// the default validation set (the last 10,000) needs.
    func testSyntheticDataSetTrains() throws {
        let directory = try makeTemporaryDirectory()
        let data = try SyntheticDataSet(in: directory, trainImageCount: 30 + 10_000)
        let experiment = try writeExperiment(in: directory, dataset: data.path)
        let db = directory.appendingPathComponent("results.sqlite").path

        let output = try RunnerProcess.run(["sweep", experiment, "--db", db, "--out", directory.appendingPathComponent("out").path])

        XCTAssertEqual(output.status, 0, output.transcript)
        XCTAssertEqual(try SQLiteShell.query(db, "SELECT status, train_size, test_size FROM runs").rows, [["done", "30", "10"]])
    }

    func testMissingDirectory() throws {
        let directory = try makeTemporaryDirectory()
        let missing = directory.appendingPathComponent("no-such-data").path
        try assertRefused(
            dataset: missing, in: directory,
            rest: ":2:10: dataset: cannot read dataset '\(missing)': not found; looked in \(missing); "
                + "it is not a built-in name (mnist, fashion-mnist)")
    }

    func testMissingFile() throws {
        let directory = try makeTemporaryDirectory()
        let data = try SyntheticDataSet(in: directory)
        try FileManager.default.removeItem(atPath: data.file("t10k-labels-idx1-ubyte"))
        try assertRefused(
            dataset: data.path, in: directory,
            rest: ":2:10: dataset: cannot read dataset '\(data.path)': \(data.file("t10k-labels-idx1-ubyte.gz")): missing")
    }

    func testEmptyLabelsFile() throws {
        let directory = try makeTemporaryDirectory()
        let data = try SyntheticDataSet(in: directory)
        try Data().write(to: URL(fileURLWithPath: data.file("train-labels-idx1-ubyte")))
        try assertRefused(
            dataset: data.path, in: directory,
            rest: ":2:10: dataset: cannot read dataset '\(data.path)': \(data.file("train-labels-idx1-ubyte")): "
                + "truncated: IDX header needs 4 bytes, found 0")
    }

    /// Images cut short in their pixels: the header (all that validating
    /// the experiment reads) is whole, so loading the data finds it.
    func testTruncatedImages() throws {
        let directory = try makeTemporaryDirectory()
        let data = try SyntheticDataSet(in: directory)
        let images = data.file("train-images-idx3-ubyte")
        let bytes = try Data(contentsOf: URL(fileURLWithPath: images))
        try bytes.prefix(16 + 1000).write(to: URL(fileURLWithPath: images))
        try assertRefused(
            dataset: data.path, in: directory, located: false,
            rest: "\(images): truncated: header promises 30×28×28 = 23520 bytes, found 1000")
    }

    func testWrongMagicNumber() throws {
        let directory = try makeTemporaryDirectory()
        let data = try SyntheticDataSet(in: directory)
        let images = data.file("t10k-images-idx3-ubyte")
        var bytes = try Data(contentsOf: URL(fileURLWithPath: images))
        bytes.replaceSubrange(0 ..< 4, with: [0x1F, 0x8C, 0x08, 0x03])
        try bytes.write(to: URL(fileURLWithPath: images))
        try assertRefused(
            dataset: data.path, in: directory,
            rest: ":2:10: dataset: cannot read dataset '\(data.path)': \(images): "
                + "not an IDX file: magic number 0x1F8C0803 (expected 0x00000803)")
    }

    /// A header promising more than 1 GiB of pixels is refused from the
    /// header, when the experiment is validated, before any allocation.
    func testImagesOverTheDataLimit() throws {
        let directory = try makeTemporaryDirectory()
        let data = try SyntheticDataSet(in: directory)
        let images = data.file("train-images-idx3-ubyte")
        try Data([0, 0, 8, 3, 0, 0, 0x04, 0x4C, 0, 0, 0x03, 0xE8, 0, 0, 0x03, 0xE8]).write(to: URL(fileURLWithPath: images))
        try assertRefused(
            dataset: data.path, in: directory,
            rest: ":2:10: dataset: cannot read dataset '\(data.path)': \(images): invalid dimensions 1100×1000×1000: "
                + "they hold 1100000000 bytes, over the limit of 1073741824 (1 GiB)")
    }

    func testLabelCountDisagreesWithImages() throws {
        let directory = try makeTemporaryDirectory()
        let data = try SyntheticDataSet(in: directory, trainLabelCount: 29)
        try assertRefused(
            dataset: data.path, in: directory,
            rest: ":2:10: dataset: cannot read dataset '\(data.path)': \(data.file("train-labels-idx1-ubyte")): "
                + "29 labels but \(data.file("train-images-idx3-ubyte")) holds 30 images")
    }

    /// The real MNIST files with the test images' gzip stream cut in half:
    /// its header is whole, so loading the data finds the cut.
    func testTruncatedGzipOfTheRealFiles() throws {
        let directory = try makeTemporaryDirectory()
        let data = directory.appendingPathComponent("mnist-cut")
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        let real = RunnerProcess.repositoryRoot.appendingPathComponent("data/mnist")
        for name in ["train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz", "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"] {
            try FileManager.default.copyItem(at: real.appendingPathComponent(name), to: data.appendingPathComponent(name))
        }
        let images = data.appendingPathComponent("t10k-images-idx3-ubyte.gz")
        let bytes = try Data(contentsOf: images)
        try bytes.prefix(bytes.count / 2).write(to: images)

        let output = try run(dataset: data.path, in: directory, trainLimit: 100)

        XCTAssertEqual(output.status, 2, output.transcript)
        // zlib hands over everything before the cut: the data ends early.
        let prefix = "runner: error: \(images.path): truncated: header promises 10000×28×28 = 7840000 bytes, found "
        XCTAssertEqual(output.stderrLines.count, 1, output.transcript)
        XCTAssertTrue(output.stderr.hasPrefix(prefix), output.stderr)
        XCTAssertNotNil(Int(output.stderr.dropFirst(prefix.count).dropLast()), output.stderr)
        XCTAssertEqual(output.stdout, "")
    }

    // MARK: - Helpers

    /// Sweeps an experiment on `dataset` against a database holding a
    /// finished run, and checks the one-line answer (`runner: error: ` then
    /// the experiment file and `rest` when `located`, else `rest` alone),
    /// the exit code 2 and the database's bytes.
    private func assertRefused(
        dataset: String, in directory: URL, located: Bool = true, rest: String, line: UInt = #line
    ) throws {
        let output = try run(dataset: dataset, in: directory, line: line)

        XCTAssertEqual(output.status, 2, output.transcript, line: line)
        let experiment = directory.appendingPathComponent("bad-data.yaml").path
        XCTAssertEqual(output.stderr, "runner: error: \(located ? experiment : "")\(rest)\n", line: line)
        XCTAssertEqual(output.stdout, "", line: line)
    }

    /// Runs the sweep and checks that the results database is left as it was.
    private func run(
        dataset: String, in directory: URL, trainLimit: Int = 30, line: UInt = #line
    ) throws -> ProcessOutput {
        let db = try makeDatabaseWithOneFinishedRun(in: directory)
        let before = try DatabaseFingerprint(of: db)
        let experiment = try writeExperiment(in: directory, dataset: dataset, trainLimit: trainLimit)

        let output = try RunnerProcess.run(["sweep", experiment, "--db", db, "--out", directory.appendingPathComponent("out").path])

        XCTAssertEqual(try DatabaseFingerprint(of: db), before, line: line)
        return output
    }

    private func writeExperiment(in directory: URL, dataset: String, trainLimit: Int = 30) throws -> String {
        let file = directory.appendingPathComponent("bad-data.yaml").path
        try """
            name: bad-data
            dataset: \(dataset)
            train_limit: \(trainLimit)
            test_limit: 10
            layers: [784, 10]
            eta: 3.0
            epochs: 1
            batch: 10

            """.write(toFile: file, atomically: false, encoding: .utf8)
        return file
    }
}
