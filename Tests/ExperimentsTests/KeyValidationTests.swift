import XCTest

/// Errors about which keys are present.
final class KeyValidationTests: XCTestCase {
    func testUnknownTopLevelKeySuggestsNearMiss() {
        assertError(
            minimal + "seed: [1]\n", line: 6, column: 1, key: "seed",
            message: "unknown key 'seed'; did you mean 'seeds'?")
    }

    func testUnknownTopLevelKeyWithoutNearMissListsTheKeys() {
        assertError(
            minimal + "learning_rate: 3\n", line: 6, column: 1, key: "learning_rate",
            message: "unknown key 'learning_rate'; expected one of name, description, dataset, train_limit, validation_limit, test_limit, layers, eta, epochs, batch, init, cost, l2, momentum, patience, eta_halving, seeds, grid, sample, samples, sampler, sampler_seed, early_stop")
    }

    func testUnknownGridKeySuggestsNearMiss() {
        assertError(
            minimal(replacing: "eta: 3.0\n", with: "") + "grid:\n  etta: [1, 2]\n", line: 6, column: 3,
            key: "grid.etta", message: "unknown grid key 'etta'; did you mean 'eta'?")
    }

    func testTopLevelKeyThatCannotVary() {
        assertError(
            minimal + "grid:\n  seeds: [1, 2]\n", line: 7, column: 3, key: "grid.seeds",
            message: "'seeds' cannot vary in grid; grid keys are layers, eta, epochs, batch, init, train_limit, validation_limit, cost, l2, momentum, patience, eta_halving")
    }

    func testKeyBothAtTopLevelAndInGrid() {
        assertError(
            minimal + "grid:\n  eta: [1, 2]\n", line: 7, column: 3, key: "grid.eta",
            message: "'eta' is set both at top level (line 3) and in grid; keep one")
    }

    func testMissingRequiredKeyPointsAtDocumentStart() {
        assertError(
            "# sweep\nname: eta\nlayers: [784, 30, 10]\nepochs: 30\nbatch: 10\n", line: 2, column: 1, key: "eta",
            message: "missing required key 'eta'; give it at top level or in grid")
    }

    func testMissingName() {
        assertError(
            minimal(replacing: "name: eta\n", with: ""), line: 1, column: 1, key: "name",
            message: "missing required key 'name'")
    }

    func testDuplicateTopLevelKeyPointsAtTheRepeat() {
        assertError(
            minimal + "epochs: 10\n", line: 6, column: 1, key: "epochs",
            message: "duplicate key 'epochs'; it is already given at line 4, column 1")
    }

    func testDuplicateGridKey() {
        assertError(
            minimal(replacing: "eta: 3.0\n", with: "") + "grid:\n  eta: [1]\n  eta: [2]\n", line: 7, column: 3,
            key: "grid.eta", message: "duplicate key 'eta'; it is already given at line 6, column 3")
    }

    func testDuplicateKeyInFlowMapping() {
        assertError(
            minimal(replacing: "eta: 3.0\n", with: "") + "grid: {eta: [1], eta: [2]}\n", line: 5, column: 18,
            key: "grid.eta", message: "duplicate key 'eta'; it is already given at line 5, column 8")
    }

    func testDuplicateQuotedKey() {
        assertError(
            minimal + "\"batch\": 3\n", line: 6, column: 1, key: "batch",
            message: "duplicate key 'batch'; it is already given at line 5, column 1")
    }

    /// With more than one key repeated, only the first occurrence of the
    /// alphabetically first is known (Yams' report), and the path is not.
    func testSeveralDuplicatedKeysReportTheFirstOccurrenceOfOne() {
        assertError(
            minimal + "epochs: 1\nbatch: 1\n", line: 5, column: 1, key: "batch",
            message: "duplicate key 'batch'; a key may appear only once in a mapping")
    }
}
