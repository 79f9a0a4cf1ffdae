import Experiments
import XCTest

/// Errors about values: types, ranges and fit with the dataset.
final class ValueValidationTests: XCTestCase {
    func testQuotedNumber() {
        assertError(
            minimal(replacing: "eta: 3.0", with: "eta: \"3.0\""), line: 3, column: 6, key: "eta",
            message: "expected a number, got the string \"3.0\"")
    }

    func testWordWhereNumberBelongs() {
        assertError(
            minimal(replacing: "eta: 3.0", with: "eta: fast"), line: 3, column: 6, key: "eta",
            message: "expected a number, got the string \"fast\"")
    }

    func testFloatForIntegerKey() {
        assertError(
            minimal(replacing: "epochs: 30", with: "epochs: 2.5"), line: 4, column: 9, key: "epochs",
            message: "expected an integer, got 2.5")
    }

    func testMappingWhereListBelongs() {
        assertError(
            minimal(replacing: "[784, 30, 10]", with: "{input: 784}"), line: 2, column: 9, key: "layers",
            message: "expected a list of integers, got a mapping")
    }

    func testBoolean() {
        assertError(
            minimal(replacing: "batch: 10", with: "batch: true"), line: 5, column: 8, key: "batch",
            message: "expected an integer, got the boolean true")
    }

    func testNull() {
        assertError(
            minimal(replacing: "eta: 3.0", with: "eta:"), line: 3, column: 5, key: "eta",
            message: "expected a number, got null")
    }

    func testIntegerOutOfRange() {
        assertError(
            minimal(replacing: "epochs: 30", with: "epochs: 99999999999999999999"), line: 4, column: 9,
            key: "epochs", message: "the integer 99999999999999999999 is out of range")
    }

    func testEtaMustBePositiveAndFinite() {
        for (text, column) in [("0", 6), ("-0.5", 6), (".inf", 6), (".nan", 6), ("-.inf", 6)] {
            assertError(
                minimal(replacing: "eta: 3.0", with: "eta: \(text)"), line: 3, column: column, key: "eta",
                message: "η must be a finite number > 0, got \(text)")
        }
    }

    func testNegativeEtaInGrid() {
        assertError(
            minimal(replacing: "eta: 3.0\n", with: "") + "grid:\n  eta: [0.5, 1.0, -1]\n", line: 6, column: 19,
            key: "grid.eta[2]", message: "η must be a finite number > 0, got -1")
    }

    func testErrorDescription() {
        let yaml = minimal(replacing: "eta: 3.0\n", with: "") + "grid:\n  eta: [0.5, 1.0, -1]\n"
        XCTAssertThrowsError(try parse(yaml)) { error in
            XCTAssertEqual(
                String(describing: error),
                "experiments/eta.yaml:6:19: grid.eta[2]: η must be a finite number > 0, got -1")
        }
    }

    func testEpochsAndBatchAtLeastOne() {
        assertError(
            minimal(replacing: "epochs: 30", with: "epochs: 0"), line: 4, column: 9, key: "epochs",
            message: "epochs must be ≥ 1, got 0")
        assertError(
            minimal(replacing: "batch: 10", with: "batch: -5"), line: 5, column: 8, key: "batch",
            message: "batch must be ≥ 1, got -5")
    }

    func testLayerSizeAtLeastOne() {
        assertError(
            minimal(replacing: "[784, 30, 10]", with: "[784, 0, 10]"), line: 2, column: 15, key: "layers[1]",
            message: "a layer size must be ≥ 1, got 0")
    }

    func testAtLeastTwoLayers() {
        assertError(
            minimal(replacing: "[784, 30, 10]", with: "[784]"), line: 2, column: 9, key: "layers",
            message: "a network needs at least 2 layers (input and output), got 1")
    }

    func testFirstLayerMustMatchDatasetInputs() {
        assertError(
            minimal(replacing: "[784, 30, 10]", with: "[785, 30, 10]"), line: 2, column: 10, key: "layers[0]",
            message: "the first layer must have 784 neurons, one per input of dataset 'mnist', got 785")
    }

    func testLastLayerMustMatchDatasetClasses() {
        assertError(
            minimal(replacing: "[784, 30, 10]", with: "[784, 30, 9]"), line: 2, column: 19, key: "layers[2]",
            message: "the last layer must have 10 neurons, one per class of dataset 'mnist', got 9")
    }

    func testLayersInGridAreCheckedEach() {
        let yaml = minimal(replacing: "layers: [784, 30, 10]\n", with: "")
            + "grid:\n  layers:\n    - [784, 30, 10]\n    - [784, 100, 11]\n"
        assertError(
            yaml, line: 8, column: 18, key: "grid.layers[1][2]",
            message: "the last layer must have 10 neurons, one per class of dataset 'mnist', got 11")
    }

    func testLayersInGridMustBeAListOfLists() {
        assertError(
            minimal(replacing: "layers: [784, 30, 10]\n", with: "") + "grid:\n  layers: [784, 30, 10]\n",
            line: 6, column: 12, key: "grid.layers[0]", message: "expected a list of integers, got 784")
    }

    func testLimitsAtLeastOne() {
        assertError(
            minimal + "train_limit: 0\n", line: 6, column: 14, key: "train_limit",
            message: "train_limit must be ≥ 1, got 0")
        assertError(
            minimal + "test_limit: 0\n", line: 6, column: 13, key: "test_limit",
            message: "test_limit must be ≥ 1, got 0")
    }

    func testLimitsWithinDataset() {
        assertError(
            minimal + "train_limit: 60001\n", line: 6, column: 14, key: "train_limit",
            message: "train_limit must be at most 60000, the training examples in dataset 'mnist', got 60001")
        assertError(
            minimal + "grid:\n  train_limit: [1000, 70000]\n", line: 7, column: 23, key: "grid.train_limit[1]",
            message: "train_limit must be at most 60000, the training examples in dataset 'mnist', got 70000")
        assertError(
            minimal + "test_limit: 10001\n", line: 6, column: 13, key: "test_limit",
            message: "test_limit must be at most 10000, the test examples in dataset 'mnist', got 10001")
    }

    func testEmptyGridList() {
        assertError(
            minimal(replacing: "eta: 3.0\n", with: "") + "grid:\n  eta: []\n", line: 6, column: 8,
            key: "grid.eta", message: "a grid list needs at least one value")
    }

    func testGridValueThatIsNotAList() {
        assertError(
            minimal(replacing: "eta: 3.0\n", with: "") + "grid:\n  eta: 0.5\n", line: 6, column: 8,
            key: "grid.eta", message: "expected a list, got 0.5")
    }

    func testGridThatIsNotAMapping() {
        assertError(
            minimal + "grid:\n", line: 6, column: 6, key: "grid",
            message: "expected a mapping of keys to lists of values, got null")
    }

    func testRepeatedGridValue() {
        assertError(
            minimal(replacing: "eta: 3.0\n", with: "") + "grid:\n  eta: [0.5, 1, 1.0]\n", line: 6, column: 17,
            key: "grid.eta[2]", message: "1.0 is already listed as grid.eta[1]")
    }

    func testDuplicateSeed() {
        assertError(
            minimal + "seeds: [1, 2, 3, 2]\n", line: 6, column: 18, key: "seeds[3]",
            message: "seed 2 is already listed as seeds[1]")
    }

    func testNegativeSeed() {
        assertError(
            minimal + "seeds: [1, -2]\n", line: 6, column: 12, key: "seeds[1]", message: "a seed must be ≥ 0, got -2")
    }

    func testEmptySeeds() {
        assertError(minimal + "seeds: []\n", line: 6, column: 8, key: "seeds", message: "seeds must list at least one seed")
    }

    func testUnknownInit() {
        assertError(
            minimal + "init: xavier\n", line: 6, column: 7, key: "init",
            message: "expected 'normal' or 'scaled', got \"xavier\"")
    }

    func testBadName() {
        let message = "name must be 1 to 100 ASCII letters, digits, '-', '_' or '.', starting with a letter or digit, got "
        assertError(minimal(replacing: "name: eta", with: "name: my run"), line: 1, column: 7, key: "name", message: message + "\"my run\"")
        assertError(minimal(replacing: "name: eta", with: "name: ../x"), line: 1, column: 7, key: "name", message: message + "\"../x\"")
        assertError(minimal(replacing: "name: eta", with: "name: \"\""), line: 1, column: 7, key: "name", message: message + "\"\"")
    }

    func testMissingDataset() {
        assertError(
            minimal + "dataset: /no/such/dir\n", line: 6, column: 10, key: "dataset",
            message: "dataset '/no/such/dir' not found")
    }

    func testEmptyDatasetName() {
        assertError(minimal + "dataset: \"\"\n", line: 6, column: 10, key: "dataset", message: "dataset must not be empty")
    }

    func testDatasetLookupFailureIsReportedAtTheDatasetKey() {
        struct Unreadable: Error, CustomStringConvertible {
            var description: String { "labels file is truncated" }
        }
        XCTAssertThrowsError(
            try Experiment.parse(yaml: minimal + "dataset: data/broken\n", path: errorFile) { _ in throw Unreadable() }
        ) { error in
            XCTAssertEqual(
                (error as? ExperimentErrors)?.problems,
                [ExperimentError(
                    file: errorFile, line: 6, column: 10, key: "dataset",
                    message: "cannot read dataset 'data/broken': labels file is truncated")])
        }
    }

    func testDefaultDatasetMissingPointsAtDocumentStart() {
        XCTAssertThrowsError(try Experiment.parse(yaml: minimal, path: errorFile) { _ in nil }) { error in
            XCTAssertEqual(
                (error as? ExperimentErrors)?.problems,
                [ExperimentError(file: errorFile, line: 1, column: 1, key: "dataset", message: "dataset 'mnist' not found")])
        }
    }
}
