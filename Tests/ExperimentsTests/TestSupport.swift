import Datasets
import Experiments
import XCTest

/// MNIST as the runner sees it; every other dataset name is missing.
let mnistShape = DatasetShape(featureCount: 784, classCount: 10, trainCount: 60_000, testCount: 10_000)

func mnistOnly(_ name: String) -> DatasetShape? {
    name == "mnist" ? mnistShape : nil
}

let errorFile = "experiments/eta.yaml"

func parse(_ yaml: String) throws -> Experiment {
    try Experiment.parse(yaml: yaml, path: errorFile, datasetShape: mnistOnly)
}

/// Asserts that `yaml` fails with exactly this error and no other.
func assertError(
    _ yaml: String, line: Int, column: Int, key: String?, message: String,
    file: StaticString = #filePath, testLine: UInt = #line
) {
    XCTAssertThrowsError(try parse(yaml), file: file, line: testLine) { error in
        XCTAssertEqual(
            (error as? ExperimentErrors)?.problems,
            [ExperimentError(file: errorFile, line: line, column: column, key: key, message: message)],
            file: file, line: testLine)
    }
}

/// The problems `body` throws, each as its one line; empty when it throws none.
func problems(_ body: () throws -> Experiment) -> [String] {
    do {
        _ = try body()
        return []
    } catch let errors as ExperimentErrors {
        return errors.problems.map(\.description)
    } catch {
        return ["not an ExperimentErrors: \(error)"]
    }
}

/// A complete experiment with one run; tests edit it to break one thing.
let minimal = """
    name: eta
    layers: [784, 30, 10]
    eta: 3.0
    epochs: 30
    batch: 10

    """

func minimal(replacing old: String, with new: String) -> String {
    precondition(minimal.contains(old), "test bug: '\(old)' is not in the minimal experiment")
    return minimal.replacingOccurrences(of: old, with: new)
}
