import Experiments
import XCTest

/// Validation goes on past a problem: every problem that does not follow
/// from another is reported, in file order.
final class EveryProblemTests: XCTestCase {
    /// The example: a typo'd key, `batch: 0` and a repeated seed in one round.
    func testTypoZeroBatchAndRepeatedSeedAreReportedTogether() {
        let yaml = minimal(replacing: "epochs: 30\nbatch: 10\n", with: "epoch: 30\nbatch: 0\nseeds: [1, 1]\n")
        XCTAssertEqual(problems { try parse(yaml) }, [
            "experiments/eta.yaml:4:1: epoch: unknown key 'epoch'; did you mean 'epochs'?",
            "experiments/eta.yaml:5:8: batch: batch must be ≥ 1, got 0",
            "experiments/eta.yaml:6:12: seeds[1]: seed 1 is already listed as seeds[0]",
        ])
    }

    /// Problems found late (against the dataset) still come in file order.
    func testProblemsAreInFileOrderWhateverOrderTheyAreFoundIn() {
        let yaml = minimal(replacing: "layers: [784, 30, 10]", with: "layers: [100, 30, 9]")
            .replacingOccurrences(of: "batch: 10", with: "batch: 0")
        XCTAssertEqual(problems { try parse(yaml) }, [
            "experiments/eta.yaml:2:10: layers[0]: the first layer must have 784 neurons, one per input of dataset 'mnist', got 100",
            "experiments/eta.yaml:2:19: layers[2]: the last layer must have 10 neurons, one per class of dataset 'mnist', got 9",
            "experiments/eta.yaml:5:8: batch: batch must be ≥ 1, got 0",
        ])
    }

    func testEveryBadValueOfAGridListAndAMissingKey() {
        let yaml = "name: eta\nlayers: [784, 30, 10]\nbatch: 10\ngrid:\n  eta: [0, 1.0, 1.0, x]\n"
        XCTAssertEqual(problems { try parse(yaml) }, [
            "experiments/eta.yaml:1:1: epochs: missing required key 'epochs'; give it at top level or in grid",
            "experiments/eta.yaml:5:9: grid.eta[0]: η must be a finite number > 0, got 0",
            "experiments/eta.yaml:5:17: grid.eta[2]: 1.0 is already listed as grid.eta[1]",
            "experiments/eta.yaml:5:22: grid.eta[3]: expected a number, got the string \"x\"",
        ])
    }

    /// A key misspelt is not also missing, and a key in the wrong place is not missing either.
    func testAKeyGivenWronglyIsNotAlsoMissing() {
        assertError(
            minimal(replacing: "batch: 10", with: "bacth: 10"), line: 5, column: 1, key: "bacth",
            message: "unknown key 'bacth'; did you mean 'batch'?")
        assertError(
            minimal(replacing: "eta: 3.0\n", with: "") + "grid:\n  etta: [1]\n", line: 6, column: 3, key: "grid.etta",
            message: "unknown grid key 'etta'; did you mean 'eta'?")
        assertError(
            minimal(replacing: "eta: 3.0", with: "eta: fast"), line: 3, column: 6, key: "eta",
            message: "expected a number, got the string \"fast\"")
    }

    /// Rules that read a value with a problem are not checked: the layers
    /// of a dataset that is missing, the validation set beside a training
    /// limit too large, `patience` beside a `validation_limit` that is no number.
    func testRulesThatReadABadValueAreLeftUnchecked() {
        assertError(
            minimal(replacing: "layers: [784, 30, 10]", with: "layers: [100, 10]") + "dataset: elsewhere\n",
            line: 6, column: 10, key: "dataset", message: "dataset 'elsewhere' not found")
        assertError(
            minimal + "train_limit: 70000\nvalidation_limit: 5000\n", line: 6, column: 14, key: "train_limit",
            message: "train_limit must be at most 60000, the training examples in dataset 'mnist', got 70000")
        assertError(
            minimal + "validation_limit: none\npatience: 2\n", line: 6, column: 19, key: "validation_limit",
            message: "expected an integer, got the string \"none\"")
    }

    /// A syntax error leaves no tree to walk: it is the only problem.
    func testASyntaxErrorStopsCollection() {
        XCTAssertEqual(problems { try parse("name: eta\nbatch: 0\nlayers: [784, 30\n") }, [
            "experiments/eta.yaml:4:1: invalid YAML: did not find expected ',' or ']' (while parsing a flow sequence at line 3, column 9)",
        ])
    }
}
