import Backprop
import Datasets
import Experiments
import XCTest

final class ExpansionTests: XCTestCase {
    func testDocumentedExampleExpandsEtaOuterSeedsInner() throws {
        let experiment = try parse("""
            name: eta
            description: Learning rate against accuracy for Nielsen's chapter-1 network
            dataset: mnist
            layers: [784, 30, 10]
            epochs: 30
            batch: 10
            seeds: [1, 2, 3]
            grid:
              eta: [0.025, 0.25, 1.0, 3.0, 10.0, 100.0]
            """)
        XCTAssertEqual(experiment.name, "eta")
        XCTAssertEqual(experiment.description, "Learning rate against accuracy for Nielsen's chapter-1 network")
        XCTAssertEqual(experiment.dataset, "mnist")
        XCTAssertEqual(experiment.gridKeys.map(\.rawValue), ["eta"])
        XCTAssertEqual(experiment.runs.count, 18)
        let etas = [0.025, 0.25, 1.0, 3.0, 10.0, 100.0]
        let expected = etas.flatMap { eta in
            [1, 2, 3].map { seed in
                RunSpec(
                    dataset: "mnist", trainLimit: 50_000, testLimit: 10_000,
                    training: TrainingConfiguration(
                        layers: [784, 30, 10], eta: eta, epochs: 30, batchSize: 10,
                        initialization: .normal, seed: UInt64(seed)))
            }
        }
        XCTAssertEqual(experiment.runs, expected)
    }

    func testGridKeysExpandInFixedOrderWhateverTheFileOrder() throws {
        let experiment = try parse("""
            name: order
            seeds: [7, 3]
            test_limit: 500
            grid:
              train_limit: [100, 200]
              init: [scaled, normal]
              batch: [5, 1]
              epochs: [2]
              eta: [0.5, 0.1]
              layers:
                - [784, 10]
                - [784, 30, 10]
            """)
        XCTAssertEqual(experiment.gridKeys.map(\.rawValue), ["layers", "eta", "epochs", "batch", "init", "train_limit"])
        var expected: [RunSpec] = []
        for layers in [[784, 10], [784, 30, 10]] {
            for eta in [0.5, 0.1] {
                for batch in [5, 1] {
                    for initialization in [Initialization.scaled, .normal] {
                        for trainLimit in [100, 200] {
                            for seed in [7, 3] as [UInt64] {
                                expected.append(RunSpec(
                                    dataset: "mnist", trainLimit: trainLimit, testLimit: 500,
                                    training: TrainingConfiguration(
                                        layers: layers, eta: eta, epochs: 2, batchSize: batch,
                                        initialization: initialization, seed: seed)))
                            }
                        }
                    }
                }
            }
        }
        XCTAssertEqual(experiment.runs.count, 64)
        XCTAssertEqual(experiment.runs, expected)
    }

    /// The chapter-3 keys vary inside the older ones, in their own fixed order.
    func testChapterThreeKeysExpandInsideTheOthersInFixedOrder() throws {
        let experiment = try parse("""
            name: chapter3
            layers: [784, 30, 10]
            epochs: 2
            batch: 10
            seeds: [2, 1]
            grid:
              eta_halving: [4, 2]
              patience: [10]
              momentum: [0.5, 0]
              l2: [5.0, 0.1]
              cost: [log_likelihood, cross_entropy]
              validation_limit: [1000, 5000]
              train_limit: [1000]
              eta: [0.5]
            """)
        XCTAssertEqual(
            experiment.gridKeys.map(\.rawValue),
            ["eta", "train_limit", "validation_limit", "cost", "l2", "momentum", "patience", "eta_halving"])
        var expected: [RunSpec] = []
        for validationLimit in [1000, 5000] {
            for cost in [CostFunction.logLikelihood, .crossEntropy] {
                for l2 in [5.0, 0.1] {
                    for momentum in [0.5, 0] {
                        for etaHalving in [4, 2] {
                            for seed in [2, 1] as [UInt64] {
                                expected.append(RunSpec(
                                    dataset: "mnist", trainLimit: 1000, validationLimit: validationLimit,
                                    testLimit: 10_000,
                                    training: TrainingConfiguration(
                                        layers: [784, 30, 10], eta: 0.5, epochs: 2, batchSize: 10, seed: seed,
                                        cost: cost, l2: l2, momentum: momentum, patience: 10, etaHalving: etaHalving)))
                            }
                        }
                    }
                }
            }
        }
        XCTAssertEqual(experiment.runs.count, 64)
        XCTAssertEqual(experiment.runs, expected)
    }

    func testTopLevelOptionsGoIntoEveryRun() throws {
        let experiment = try parse(minimal + """
            cost: cross_entropy
            l2: 5
            momentum: 0.9
            patience: 10
            eta_halving: 3
            validation_limit: 5000
            seeds: [1, 2]
            """)
        XCTAssertEqual(experiment.gridKeys, [])
        XCTAssertEqual(experiment.runs, [1, 2].map { seed in
            RunSpec(
                dataset: "mnist", trainLimit: 50_000, validationLimit: 5000, testLimit: 10_000,
                training: TrainingConfiguration(
                    layers: [784, 30, 10], eta: 3.0, epochs: 30, batchSize: 10, seed: seed,
                    cost: .crossEntropy, l2: 5.0, momentum: 0.9, patience: 10, etaHalving: 3))
        })
    }

    /// Without `validation_limit`, each run validates on Nielsen's 10,000
    /// images, or on what its training examples leave when that is less.
    func testDefaultValidationLimitIsWhatEachRunsTrainingExamplesLeave() throws {
        let experiment = try parse(minimal + "grid:\n  train_limit: [1000, 55000, 60000]\n")
        XCTAssertEqual(experiment.runs.map(\.trainLimit), [1000, 55000, 60000])
        XCTAssertEqual(experiment.runs.map(\.validationLimit), [10_000, 5000, 0])
    }

    func testNoGridGivesOneRunPerSeedWithDefaults() throws {
        let experiment = try parse(minimal)
        XCTAssertEqual(experiment.gridKeys.map(\.rawValue), [])
        XCTAssertEqual(experiment.description, "")
        XCTAssertEqual(experiment.runs, [
            RunSpec(
                dataset: "mnist", trainLimit: 50_000, validationLimit: 10_000, testLimit: 10_000,
                training: TrainingConfiguration(
                    layers: [784, 30, 10], eta: 3.0, epochs: 30, batchSize: 10, initialization: .normal, seed: 1,
                    cost: .quadratic, l2: 0, momentum: 0, patience: nil, etaHalving: nil)),
        ])
    }

    func testIntegerEtaIsANumber() throws {
        XCTAssertEqual(try parse(minimal(replacing: "eta: 3.0", with: "eta: 3")).runs.map(\.training.eta), [3.0])
    }

    func testDefaultLimitsShrinkToASmallDataset() throws {
        let tiny = DatasetShape(featureCount: 4, classCount: 2, trainCount: 1_000, testCount: 300)
        let yaml = "name: tiny\ndataset: data/tiny\nlayers: [4, 2]\neta: 1\nepochs: 1\nbatch: 1\n"
        let experiment = try Experiment.parse(yaml: yaml, path: "tiny.yaml") { $0 == "data/tiny" ? tiny : nil }
        XCTAssertEqual(experiment.dataset, "data/tiny")
        XCTAssertEqual(experiment.runs.map(\.trainLimit), [1_000])
        XCTAssertEqual(experiment.runs.map(\.validationLimit), [0])
        XCTAssertEqual(experiment.runs.map(\.testLimit), [300])
        XCTAssertEqual(experiment.runs.map(\.dataset), ["data/tiny"])
    }

    func testKeepsSourcePathAndDigest() throws {
        let experiment = try parse(minimal)
        XCTAssertEqual(experiment.path, errorFile)
        XCTAssertEqual(experiment.source, minimal)
        // `printf 'name: eta\nlayers: [784, 30, 10]\neta: 3.0\nepochs: 30\nbatch: 10\n' | sha256sum`
        XCTAssertEqual(experiment.sourceSHA256, "659ea5395f5a31c94bc99ab89c2f5b9a415f5fe97b0b3043bd0f26cd9c95635d")
    }
}
