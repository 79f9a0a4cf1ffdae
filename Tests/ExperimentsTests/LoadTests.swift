import Experiments
import Foundation
import XCTest

/// `Experiment.load` on real files in a temporary directory.
final class LoadTests: XCTestCase {
    var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("ExperimentsTests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try FileManager.default.removeItem(at: directory)
    }

    func write(_ bytes: [UInt8], to name: String) throws -> String {
        let url = directory.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url.path
    }

    func testLoadsAFile() throws {
        let path = try write(Array(minimal.utf8), to: "eta.yaml")
        let experiment = try Experiment.load(path: path, datasetShape: mnistOnly)
        XCTAssertEqual(experiment.path, path)
        XCTAssertEqual(experiment.source, minimal)
        XCTAssertEqual(experiment.sourceSHA256, "659ea5395f5a31c94bc99ab89c2f5b9a415f5fe97b0b3043bd0f26cd9c95635d")
        XCTAssertEqual(experiment.runs.count, 1)
    }

    func testErrorsNameTheFileAsGiven() throws {
        let path = try write(Array((minimal + "etta: 1\n").utf8), to: "typo.yaml")
        XCTAssertThrowsError(try Experiment.load(path: path, datasetShape: mnistOnly)) { error in
            XCTAssertEqual(String(describing: error), "\(path):6:1: etta: unknown key 'etta'; did you mean 'eta'?")
        }
    }

    func testMissingFileHasNoPosition() {
        let path = directory.appendingPathComponent("absent.yaml").path
        XCTAssertThrowsError(try Experiment.load(path: path, datasetShape: mnistOnly)) { error in
            XCTAssertEqual(
                (error as? ExperimentErrors)?.problems,
                [ExperimentError(
                    file: path, line: 0, column: 0, key: nil,
                    message: "cannot open the file: it does not exist or is not readable")])
            XCTAssertEqual(
                String(describing: error), "\(path): cannot open the file: it does not exist or is not readable")
        }
    }

    func testADirectoryIsNotAnExperimentFile() {
        XCTAssertThrowsError(try Experiment.load(path: directory.path, datasetShape: mnistOnly)) { error in
            XCTAssertEqual(
                String(describing: error), "\(directory.path): is a directory; name an experiment file (YAML) in it")
        }
    }

    func testOversizedFileIsRefusedWithoutParsing() throws {
        let path = try write(Array(repeating: UInt8(ascii: "#"), count: (1 << 20) + 1), to: "huge.yaml")
        XCTAssertThrowsError(try Experiment.load(path: path, datasetShape: mnistOnly)) { error in
            XCTAssertEqual(
                (error as? ExperimentErrors)?.problems,
                [ExperimentError(
                    file: path, line: 1, column: 1, key: nil,
                    message: "the file is over 1 MiB (1048576 bytes), the limit for experiment files")])
        }
    }

    func testInvalidUTF8IsLocated() throws {
        let path = try write(Array("name: eta\ndescription: caf".utf8) + [0xC3, 0x28] + Array("\n".utf8), to: "latin.yaml")
        XCTAssertThrowsError(try Experiment.load(path: path, datasetShape: mnistOnly)) { error in
            XCTAssertEqual(
                (error as? ExperimentErrors)?.problems,
                [ExperimentError(file: path, line: 2, column: 17, key: nil, message: "the file is not valid UTF-8")])
        }
    }
}
