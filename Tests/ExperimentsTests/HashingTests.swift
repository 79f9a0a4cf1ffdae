import Backprop
import Experiments
import XCTest

final class HashingTests: XCTestCase {
    let base = RunSpec(
        dataset: "mnist", trainLimit: 50_000, testLimit: 10_000,
        training: TrainingConfiguration(
            layers: [784, 30, 10], eta: 3.0, epochs: 30, batchSize: 10, initialization: .normal, seed: 1))

    /// Pinned: a change here orphans every stored result, so it must be deliberate
    /// (and come with a new `hash_version`).
    func testCanonicalFormIsPinned() {
        let json = """
            {"batch_size":10,"dataset_checksum":"abc123","epochs":30,"eta":3.0,"hash_version":2,\
            "init":"normal","layers":[784,30,10],"seed":1,"test_size":10000,"train_size":50000}
            """
        XCTAssertEqual(base.canonicalJSON(datasetChecksum: "abc123"), json)
        // `printf '%s' "$json" | sha256sum`
        XCTAssertEqual(
            base.configHash(datasetChecksum: "abc123"),
            "3af8005ceb170c2d7d8677715b4cd494bc6a6a94bc661ec2dc72d8a60850529a")
    }

    /// A file written before the chapter-3 options, or one that spells out
    /// their defaults, still names the pinned run above.
    func testDefaultOptionsKeepTheIdentityOfEarlierFiles() throws {
        let pinned = "3af8005ceb170c2d7d8677715b4cd494bc6a6a94bc661ec2dc72d8a60850529a"
        let earlier = try parse(minimal)
        let spelledOut = try parse(
            minimal + "cost: quadratic\nl2: 0\nmomentum: 0.0\nvalidation_limit: 10000\ntrain_limit: 50000\n")
        XCTAssertEqual(earlier.runs.map { $0.configHash(datasetChecksum: "abc123") }, [pinned])
        XCTAssertEqual(spelledOut.runs.map { $0.configHash(datasetChecksum: "abc123") }, [pinned])
    }

    /// Pinned like the form above: the options enter only when they are not
    /// their defaults, with the same number spelling as `eta`.
    func testCanonicalFormWithEveryOptionIsPinned() {
        var run = base
        run.validationLimit = 5000
        run.training.cost = .crossEntropy
        run.training.l2 = 5
        run.training.momentum = 0.9
        run.training.patience = 10
        run.training.etaHalving = 4
        let json = """
            {"batch_size":10,"cost":"cross_entropy","dataset_checksum":"abc123","epochs":30,"eta":3.0,\
            "eta_halving":4,"hash_version":2,"init":"normal","l2":5.0,"layers":[784,30,10],"momentum":0.9,\
            "patience":10,"seed":1,"test_size":10000,"train_size":50000,"validation_size":5000}
            """
        XCTAssertEqual(run.canonicalJSON(datasetChecksum: "abc123"), json)
    }

    func testEveryChapterThreeOptionChangesTheHash() {
        var variants: [RunSpec] = [base]
        func variant(_ change: (inout RunSpec) -> Void) {
            var run = base
            change(&run)
            variants.append(run)
        }
        variant { $0.training.cost = .crossEntropy }
        variant { $0.training.cost = .logLikelihood }
        variant { $0.training.l2 = 5 }
        variant { $0.training.l2 = 0.1 }
        variant { $0.training.momentum = 0.9 }
        variant { $0.training.patience = 10 }
        variant { $0.training.patience = 1 }
        variant { $0.training.etaHalving = 10 }
        variant { $0.validationLimit = 9_999 }
        variant { $0.validationLimit = 0 }
        let hashes = Set(variants.map { $0.configHash(datasetChecksum: "abc123") })
        XCTAssertEqual(hashes.count, variants.count)
    }

    func testEtaIsShortestRoundTripText() {
        var run = base
        run.training.eta = 0.1
        XCTAssertTrue(run.canonicalJSON(datasetChecksum: "c").contains("\"eta\":0.1,"))
        run.training.eta = 0.00001
        XCTAssertTrue(run.canonicalJSON(datasetChecksum: "c").contains("\"eta\":1e-05,"))
    }

    func testChecksumIsEscapedAsJSON() {
        XCTAssertTrue(base.canonicalJSON(datasetChecksum: "a\"b\\c").contains("\"dataset_checksum\":\"a\\\"b\\\\c\","))
    }

    func testEveryFieldThatChangesTheNumbersChangesTheHash() {
        var variants: [RunSpec] = [base]
        func variant(_ change: (inout RunSpec) -> Void) {
            var run = base
            change(&run)
            variants.append(run)
        }
        variant { $0.training.layers = [784, 31, 10] }
        variant { $0.training.eta = 3.0000000000000004 }
        variant { $0.training.epochs = 31 }
        variant { $0.training.batchSize = 11 }
        variant { $0.training.initialization = .scaled }
        variant { $0.training.seed = 2 }
        variant { $0.trainLimit = 49_999 }
        variant { $0.testLimit = 9_999 }
        var hashes = Set(variants.map { $0.configHash(datasetChecksum: "abc123") })
        hashes.insert(base.configHash(datasetChecksum: "abc124"))
        XCTAssertEqual(hashes.count, variants.count + 1)
    }

    func testDatasetNameIsNotPartOfTheIdentity() {
        var copy = base
        copy.dataset = "data/mnist-copy"
        XCTAssertEqual(copy.configHash(datasetChecksum: "abc123"), base.configHash(datasetChecksum: "abc123"))
    }

    func testReorderedFileWithTheSameMeaningHasTheSameHashes() throws {
        let original = try parse("""
            name: eta
            layers: [784, 30, 10]
            epochs: 30
            batch: 10
            seeds: [1, 2]
            grid:
              eta: [0.5, 3.0]
              init: [normal, scaled]
            """)
        let reordered = try parse("""
            # same sweep, keys in another order and another style
            grid:
              init:
                - normal
                - scaled
              eta: [5.0e-1, 3]
            seeds: [1, 2]
            batch: 10
            dataset: mnist
            epochs: 30
            train_limit: 50000
            layers:
              - 784
              - 30
              - 10
            name: eta
            """)
        XCTAssertEqual(original.runs.count, 8)
        XCTAssertEqual(
            original.runs.map { $0.configHash(datasetChecksum: "abc123") },
            reordered.runs.map { $0.configHash(datasetChecksum: "abc123") })
    }

    func testExperimentNameIsNotPartOfTheIdentity() throws {
        let first = try parse(minimal)
        let renamed = try parse(minimal(replacing: "name: eta", with: "name: renamed") + "description: other\n")
        XCTAssertEqual(
            first.runs.map { $0.configHash(datasetChecksum: "abc123") },
            renamed.runs.map { $0.configHash(datasetChecksum: "abc123") })
    }
}
