import Backprop
import Experiments
import Foundation
import XCTest

final class EarlyStopTests: XCTestCase {
    /// `minimal` (epochs 30, 5 lines) with `early_stop` on line 6.
    private func stopping(_ value: String, _ extra: String = "") -> String {
        minimal + "early_stop: \(value)\n" + extra
    }

    // MARK: - Parsing

    func testEveryKeyIsRead() throws {
        let experiment = try parse(stopping("{method: hyperband, metric: train_cost, min_epochs: 2, reduction: 4}"))
        XCTAssertEqual(
            experiment.earlyStop, EarlyStop(method: .hyperband, metric: .trainCost, minEpochs: 2, reduction: 4))
    }

    func testDefaults() throws {
        let experiment = try parse(stopping("{method: median}"))
        XCTAssertEqual(
            experiment.earlyStop,
            EarlyStop(method: .median, metric: .validationAccuracy, minEpochs: 1, reduction: 3))
    }

    func testWithoutTheKeyThereIsNoEarlyStopAndNoSearch() throws {
        let plain = try parse(minimal.replacingOccurrences(of: "eta: 3.0\n", with: "grid: {eta: [1.0, 3.0]}\n"))
        XCTAssertNil(plain.earlyStop)
        XCTAssertEqual(plain.runs.map(\.search), [nil, nil])
    }

    func testEveryRunBelongsToTheExperimentsSearch() throws {
        let yaml = minimal.replacingOccurrences(of: "eta: 3.0\n", with: "grid: {eta: [1.0, 3.0]}\nseeds: [1, 2]\n")
            + "early_stop: {method: successive_halving}\n"
        let experiment = try parse(yaml)
        let search = RunSearch(experiment: "eta", earlyStop: EarlyStop(method: .successiveHalving))
        XCTAssertEqual(experiment.runs.count, 4)
        XCTAssertEqual(experiment.runs.map(\.search), Array(repeating: search, count: 4))
    }

    /// An override makes another experiment (`eta+…`), and so another search.
    func testTheSearchIsNamedAsTheExperimentWithItsOverrides() throws {
        let experiment = try Experiment.parse(
            yaml: stopping("{method: median}"), path: errorFile, overrides: [Override("batch=20")],
            datasetShape: mnistOnly)
        XCTAssertTrue(experiment.name.hasPrefix("eta+"), experiment.name)
        XCTAssertEqual(experiment.runs.map(\.search?.experiment), [experiment.name])
    }

    func testAnOverrideReplacesEarlyStop() throws {
        let experiment = try Experiment.parse(
            yaml: stopping("{method: median}"), path: errorFile,
            overrides: [Override("early_stop={method: hyperband, reduction: 2}")], datasetShape: mnistOnly)
        XCTAssertEqual(experiment.earlyStop, EarlyStop(method: .hyperband, reduction: 2))
    }

    func testAKeyOfEarlyStopCannotBeOverriddenAlone() {
        XCTAssertEqual(
            problems {
                try Experiment.parse(
                    yaml: stopping("{method: median}"), path: errorFile, overrides: [Override("early_stop.method=hyperband")],
                    datasetShape: mnistOnly)
            },
            ["--set early_stop.method=hyperband: early_stop.method: only a top-level key or grid.KEY can be set"])
    }

    func testMinEpochsMayEqualEpochs() throws {
        let experiment = try parse(stopping("{method: median, min_epochs: 30}"))
        XCTAssertEqual(experiment.earlyStop?.minEpochs, 30)
        XCTAssertEqual(experiment.earlyStop?.rungEpochs(epochs: 30), [])
    }

    func testTrainCostNeedsNoValidationSet() throws {
        let experiment = try parse(stopping("{method: median, metric: train_cost}", "validation_limit: 0\n"))
        XCTAssertEqual(experiment.earlyStop?.metric, .trainCost)
    }

    // MARK: - Errors

    func testNotAMapping() {
        assertError(
            stopping("successive_halving"), line: 6, column: 13, key: "early_stop",
            message: "expected a mapping such as {method: successive_halving}, got the string \"successive_halving\"")
    }

    func testUnknownKeyWithSuggestion() {
        assertError(
            stopping("{method: median, metrc: train_cost}"), line: 6, column: 30, key: "early_stop.metrc",
            message: "unknown early_stop key 'metrc'; did you mean 'metric'?")
    }

    func testUnknownKeyWithoutSuggestion() {
        assertError(
            stopping("{method: median, patience: 3}"), line: 6, column: 30, key: "early_stop.patience",
            message: "unknown early_stop key 'patience'; expected one of method, metric, min_epochs, reduction")
    }

    func testMethodMissing() {
        assertError(
            stopping("{reduction: 2}"), line: 6, column: 13, key: "early_stop.method",
            message: "missing required key 'method'; expected one of successive_halving, hyperband, median")
    }

    func testUnknownMethodWithSuggestion() {
        assertError(
            stopping("{method: hyper_band}"), line: 6, column: 22, key: "early_stop.method",
            message: "expected 'successive_halving', 'hyperband' or 'median', got \"hyper_band\"; did you mean 'hyperband'?")
    }

    func testUnknownMethod() {
        assertError(
            stopping("{method: asha}"), line: 6, column: 22, key: "early_stop.method",
            message: "expected 'successive_halving', 'hyperband' or 'median', got \"asha\"")
    }

    func testUnknownMetric() {
        assertError(
            stopping("{method: median, metric: validation_acc}"), line: 6, column: 38, key: "early_stop.metric",
            message: "expected 'validation_accuracy', 'validation_cost' or 'train_cost', got \"validation_acc\"")
    }

    func testMetricTypoHasASuggestion() {
        assertError(
            stopping("{method: median, metric: train-cost}"), line: 6, column: 38, key: "early_stop.metric",
            message: "expected 'validation_accuracy', 'validation_cost' or 'train_cost', got \"train-cost\"; did you mean 'train_cost'?")
    }

    func testTheTestSetNeverChooses() {
        assertError(
            stopping("{method: median, metric: test_accuracy}"), line: 6, column: 38, key: "early_stop.metric",
            message: "the test set never chooses (model choices are made on validation data), got \"test_accuracy\"; did you mean 'validation_accuracy'?")
        assertError(
            stopping("{method: median, metric: test_cost}"), line: 6, column: 38, key: "early_stop.metric",
            message: "the test set never chooses (model choices are made on validation data), got \"test_cost\"; did you mean 'validation_cost'?")
    }

    func testReductionBelowTwo() {
        assertError(
            stopping("{method: median, reduction: 1}"), line: 6, column: 41, key: "early_stop.reduction",
            message: "reduction must be ≥ 2, got 1")
    }

    func testReductionNotAnInteger() {
        assertError(
            stopping("{method: median, reduction: 2.5}"), line: 6, column: 41, key: "early_stop.reduction",
            message: "expected an integer, got 2.5")
    }

    func testMinEpochsBelowOne() {
        assertError(
            stopping("{method: median, min_epochs: 0}"), line: 6, column: 42, key: "early_stop.min_epochs",
            message: "min_epochs must be ≥ 1, got 0")
    }

    func testMinEpochsNotAnInteger() {
        assertError(
            stopping("{method: median, min_epochs: \"2\"}"), line: 6, column: 42, key: "early_stop.min_epochs",
            message: "expected an integer, got the string \"2\"")
    }

    func testMinEpochsAboveEpochs() {
        assertError(
            stopping("{method: median, min_epochs: 31}"), line: 6, column: 42, key: "early_stop.min_epochs",
            message: "min_epochs must be at most epochs, 30 (line 4), got 31")
    }

    func testEpochsCannotVaryInGrid() {
        let yaml = minimal.replacingOccurrences(of: "epochs: 30\n", with: "")
            + "grid:\n  epochs: [10, 30]\nearly_stop: {method: median}\n"
        assertError(
            yaml, line: 6, column: 3, key: "grid.epochs",
            message: "epochs cannot vary in grid with early_stop (line 7); early stopping needs one epochs, the most any run trains; give it at top level")
    }

    func testEpochsCannotBeSampled() {
        let yaml = minimal.replacingOccurrences(of: "epochs: 30\n", with: "")
            + "sample:\n  epochs: {int_uniform: [10, 30]}\nsamples: 2\nearly_stop: {method: median}\n"
        assertError(
            yaml, line: 6, column: 3, key: "sample.epochs",
            message: "epochs cannot be sampled with early_stop (line 8); early stopping needs one epochs, the most any run trains; give it at top level")
    }

    func testValidationMetricWithoutValidationSet() {
        assertError(
            stopping("{method: median, metric: validation_cost}", "validation_limit: 0\n"), line: 6, column: 38,
            key: "early_stop.metric",
            message: "validation_cost needs a validation set, but validation_limit is 0 (line 7); set validation_limit above 0 or use metric train_cost")
    }

    func testDefaultMetricWithoutValidationSetInGrid() {
        assertError(
            stopping("{method: median}", "grid:\n  validation_limit: [1000, 0]\n"), line: 6, column: 1,
            key: "early_stop",
            message: "the default metric validation_accuracy needs a validation set, but validation_limit is 0 (line 8); set validation_limit above 0 or use metric train_cost")
    }

    func testValidationMetricWhenTrainLimitLeavesNoValidationSet() {
        assertError(
            stopping("{method: hyperband, metric: validation_accuracy}", "train_limit: 60000\n"), line: 6,
            column: 41, key: "early_stop.metric",
            message: "validation_accuracy needs a validation set, but train_limit 60000 leaves no training images for one; lower train_limit or use metric train_cost")
    }

    func testTrainLimitLeavingAValidationSetIsFine() throws {
        let experiment = try parse(stopping("{method: hyperband}", "train_limit: 59000\n"))
        XCTAssertEqual(experiment.runs.map(\.validationLimit), [1000])
    }

    func testEveryProblemOfEarlyStopIsReported() {
        XCTAssertEqual(
            problems { try parse(stopping("{metric: test_cost, reduction: 0, min_epochs: -1, speed: 2}")) },
            [
                "experiments/eta.yaml:6:13: early_stop.method: missing required key 'method'; expected one of successive_halving, hyperband, median",
                "experiments/eta.yaml:6:22: early_stop.metric: the test set never chooses (model choices are made on validation data), got \"test_cost\"; did you mean 'validation_cost'?",
                "experiments/eta.yaml:6:44: early_stop.reduction: reduction must be ≥ 2, got 0",
                "experiments/eta.yaml:6:59: early_stop.min_epochs: min_epochs must be ≥ 1, got -1",
                "experiments/eta.yaml:6:63: early_stop.speed: unknown early_stop key 'speed'; expected one of method, metric, min_epochs, reduction",
            ])
    }

    func testEarlyStopCannotVaryInGrid() {
        let yaml = minimal + "grid:\n  early_stop: [{method: median}]\n"
        XCTAssertEqual(problems { try parse(yaml) }.count, 1)
        XCTAssertEqual(
            problems { try parse(yaml) }.first?.hasPrefix(
                "experiments/eta.yaml:7:3: grid.early_stop: 'early_stop' cannot vary in grid; grid keys are layers"),
            true)
    }

    // MARK: - Rung epochs

    func testRungEpochs() {
        let stop = EarlyStop(method: .successiveHalving, minEpochs: 1, reduction: 3)
        XCTAssertEqual(stop.rungEpochs(epochs: 27), [1, 3, 9])
        XCTAssertEqual(stop.rungEpochs(epochs: 28), [1, 3, 9, 27])
        XCTAssertEqual(stop.rungEpochs(epochs: 30), [1, 3, 9, 27])
        XCTAssertEqual(stop.rungEpochs(epochs: 1), [])
        XCTAssertEqual(stop.rungEpochs(epochs: 2), [1])
        XCTAssertEqual(EarlyStop(method: .median, minEpochs: 5, reduction: 2).rungEpochs(epochs: 50), [5, 10, 20, 40])
        XCTAssertEqual(EarlyStop(method: .median, minEpochs: 30, reduction: 3).rungEpochs(epochs: 30), [])
        XCTAssertEqual(EarlyStop(method: .median, minEpochs: 2, reduction: 3).rungEpochs(epochs: 18), [2, 6])
    }

    func testRungEpochsStopBeforeOverflow() {
        let stop = EarlyStop(method: .hyperband, minEpochs: Int.max / 2 + 1, reduction: 2)
        XCTAssertEqual(stop.rungEpochs(epochs: Int.max), [Int.max / 2 + 1])
    }

    func testRungEpochsOfAConfigurationValidationRefuses() {
        XCTAssertEqual(EarlyStop(method: .median, reduction: 1).rungEpochs(epochs: 30), [])
        XCTAssertEqual(EarlyStop(method: .median, minEpochs: 0).rungEpochs(epochs: 30), [])
    }

    func testMetricDirection() {
        XCTAssertEqual(EarlyStop.Metric.allCases.filter(\.higherIsBetter), [.validationAccuracy])
        XCTAssertEqual(EarlyStop.Metric.allCases.filter(\.needsValidationSet), [.validationAccuracy, .validationCost])
    }

    // MARK: - Identity

    private let base = RunSpec(
        dataset: "mnist", trainLimit: 50_000, testLimit: 10_000,
        training: TrainingConfiguration(
            layers: [784, 30, 10], eta: 3.0, epochs: 30, batchSize: 10, initialization: .normal, seed: 1))

    func testCanonicalJSONWithSearchIsPinned() {
        var run = base
        run.search = RunSearch(experiment: "eta \"q\"", earlyStop: EarlyStop(method: .successiveHalving))
        let json = """
            {"batch_size":10,"dataset_checksum":"abc123","epochs":30,"eta":3.0,"hash_version":2,\
            "init":"normal","layers":[784,30,10],\
            "search":{"experiment":"eta \\"q\\"","method":"successive_halving","metric":"validation_accuracy","min_epochs":1,"reduction":3},\
            "seed":1,"test_size":10000,"train_size":50000}
            """
        XCTAssertEqual(run.canonicalJSON(datasetChecksum: "abc123"), json)
    }

    func testCanonicalJSONNamesEveryKeyOfTheSearch() {
        var run = base
        run.search = RunSearch(
            experiment: "s", earlyStop: EarlyStop(method: .hyperband, metric: .trainCost, minEpochs: 2, reduction: 4))
        XCTAssertTrue(
            run.canonicalJSON(datasetChecksum: "abc123").contains(
                #""search":{"experiment":"s","method":"hyperband","metric":"train_cost","min_epochs":2,"reduction":4},"#))
    }

    /// The pinned hash of HashingTests: a run without a search keeps it.
    func testARunWithoutSearchKeepsItsHash() throws {
        let pinned = "3af8005ceb170c2d7d8677715b4cd494bc6a6a94bc661ec2dc72d8a60850529a"
        XCTAssertEqual(base.configHash(datasetChecksum: "abc123"), pinned)
        XCTAssertEqual(try parse(minimal).runs.map { $0.configHash(datasetChecksum: "abc123") }, [pinned])
    }

    func testTheSearchSeparatesRuns() throws {
        let plain = try parse(minimal).runs[0]
        let stopped = try parse(stopping("{method: median}")).runs[0]
        let other = try parse(stopping("{method: median}").replacingOccurrences(of: "name: eta", with: "name: other")).runs[0]
        let reduced = try parse(stopping("{method: median, reduction: 2}")).runs[0]
        let hashes = [plain, stopped, other, reduced].map { $0.configHash(datasetChecksum: "abc123") }
        XCTAssertEqual(Set(hashes).count, 4)
        XCTAssertEqual(stopped.training, plain.training)
    }

    func testCodableRoundTrip() throws {
        var run = base
        run.search = RunSearch(experiment: "eta", earlyStop: EarlyStop(method: .median, minEpochs: 2))
        let data = try JSONEncoder().encode(run)
        XCTAssertEqual(try JSONDecoder().decode(RunSpec.self, from: data), run)
        XCTAssertTrue(String(decoding: data, as: UTF8.self).contains(#""min_epochs":2"#))
        XCTAssertEqual(try JSONDecoder().decode(RunSpec.self, from: try JSONEncoder().encode(base)).search, nil)
    }
}
