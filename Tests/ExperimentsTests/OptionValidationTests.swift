import Experiments
import XCTest

/// Errors about Nielsen's chapter-3 options and the validation set.
final class OptionValidationTests: XCTestCase {
    func testL2MustBeFiniteAndNotNegative() {
        for text in ["-1", "-0.5", ".inf", ".nan"] {
            assertError(
                minimal + "l2: \(text)\n", line: 6, column: 5, key: "l2",
                message: "l2 must be a finite number ≥ 0, got \(text)")
        }
        assertError(minimal + "l2: \"5\"\n", line: 6, column: 5, key: "l2", message: "expected a number, got the string \"5\"")
    }

    func testMomentumMustBeBelowOneAndNotNegative() {
        for text in ["-0.1", "1", "1.5", ".nan"] {
            assertError(
                minimal + "momentum: \(text)\n", line: 6, column: 11, key: "momentum",
                message: "momentum must be in [0, 1), got \(text)")
        }
    }

    func testPatienceAndEtaHalvingAtLeastOne() {
        assertError(minimal + "patience: 0\n", line: 6, column: 11, key: "patience", message: "patience must be ≥ 1, got 0")
        assertError(
            minimal + "eta_halving: -3\n", line: 6, column: 14, key: "eta_halving", message: "eta_halving must be ≥ 1, got -3")
        assertError(minimal + "patience: 2.5\n", line: 6, column: 11, key: "patience", message: "expected an integer, got 2.5")
        assertError(
            minimal + "grid:\n  eta_halving: [10, 0]\n", line: 7, column: 21, key: "grid.eta_halving[1]",
            message: "eta_halving must be ≥ 1, got 0")
    }

    func testValidationLimitNotNegative() {
        assertError(
            minimal + "validation_limit: -1\n", line: 6, column: 19, key: "validation_limit",
            message: "validation_limit must be ≥ 0, got -1")
    }

    func testUnknownCostListsTheCosts() {
        assertError(
            minimal + "cost: mse\n", line: 6, column: 7, key: "cost",
            message: "expected 'quadratic', 'cross_entropy' or 'log_likelihood', got \"mse\"")
    }

    func testMisspelledCostSuggestsTheNearest() {
        assertError(
            minimal + "cost: cross-entropy\n", line: 6, column: 7, key: "cost",
            message: "expected 'quadratic', 'cross_entropy' or 'log_likelihood', got \"cross-entropy\"; did you mean 'cross_entropy'?")
        assertError(
            minimal + "grid:\n  cost: [quadratic, loglikelihood]\n", line: 7, column: 21, key: "grid.cost[1]",
            message: "expected 'quadratic', 'cross_entropy' or 'log_likelihood', got \"loglikelihood\"; did you mean 'log_likelihood'?")
    }

    func testOptionBothAtTopLevelAndInGrid() {
        assertError(
            minimal + "l2: 5.0\ngrid:\n  l2: [1, 5]\n", line: 8, column: 3, key: "grid.l2",
            message: "'l2' is set both at top level (line 6) and in grid; keep one")
    }

    func testRepeatedOptionInGrid() {
        assertError(
            minimal + "grid:\n  momentum: [0.5, 0.9, 0.50]\n", line: 7, column: 24, key: "grid.momentum[2]",
            message: "0.50 is already listed as grid.momentum[0]")
    }

    /// The validation set is the end of the training split, after the
    /// training examples, so it must fit in what they leave.
    func testValidationLimitMustFitBesideTheTrainingExamples() {
        assertError(
            minimal + "validation_limit: 20000\n", line: 6, column: 19, key: "validation_limit",
            message: "validation_limit 20000 exceeds the 10000 training images left after train_limit 50000")
        assertError(
            minimal + "validation_limit: 10000\ngrid:\n  train_limit: [1000, 55000]\n", line: 6, column: 19,
            key: "validation_limit",
            message: "validation_limit 10000 exceeds the 5000 training images left after train_limit 55000")
        assertError(
            minimal + "train_limit: 59000\ngrid:\n  validation_limit: [500, 1000, 1001]\n", line: 8, column: 33,
            key: "grid.validation_limit[2]",
            message: "validation_limit 1001 exceeds the 1000 training images left after train_limit 59000")
    }

    func testValidationLimitThatJustFits() throws {
        let experiment = try parse(minimal + "train_limit: 59000\nvalidation_limit: 1000\n")
        XCTAssertEqual(experiment.runs.map(\.validationLimit), [1000])
    }

    func testSelectionOnValidationAccuracyNeedsAValidationSet() {
        assertError(
            minimal + "validation_limit: 0\npatience: 5\n", line: 7, column: 11, key: "patience",
            message: "patience needs a validation set, but validation_limit is 0 (line 6)")
        assertError(
            minimal + "eta_halving: 10\ngrid:\n  validation_limit: [5000, 0]\n", line: 6, column: 14, key: "eta_halving",
            message: "eta_halving needs a validation set, but validation_limit is 0 (line 8)")
        assertError(
            minimal + "validation_limit: 0\ngrid:\n  patience: [3, 10]\n", line: 8, column: 14, key: "grid.patience[0]",
            message: "patience needs a validation set, but validation_limit is 0 (line 6)")
    }

    /// Left to its default, the validation set shrinks to what the training
    /// examples leave, which may be nothing.
    func testSelectionNeedsTrainingImagesLeftForItsValidationSet() {
        assertError(
            minimal + "train_limit: 60000\npatience: 5\n", line: 7, column: 11, key: "patience",
            message: "patience needs a validation set, but train_limit 60000 leaves no training images for one")
        assertError(
            minimal + "eta_halving: 4\ngrid:\n  train_limit: [1000, 60000]\n", line: 6, column: 14, key: "eta_halving",
            message: "eta_halving needs a validation set, but train_limit 60000 leaves no training images for one")
    }

    func testNoValidationSetWithoutSelectionIsFine() throws {
        let experiment = try parse(minimal + "validation_limit: 0\n")
        XCTAssertEqual(experiment.runs.map(\.validationLimit), [0])
    }
}
