import Backprop
import Experiments
import XCTest

final class SamplingTests: XCTestCase {
    private func search(_ extra: String = "", samples: Int = 5) -> String {
        """
        name: search
        layers: [784, 30, 10]
        epochs: 30
        batch: 10
        sample:
          eta: {log_uniform: [0.01, 10]}
          hidden: {int_uniform: [10, 100]}
          momentum: {uniform: [0, 0.9]}
        samples: \(samples)

        """ + extra
    }

    private func points(_ experiment: Experiment) -> [[String]] {
        experiment.runs.map { run in
            [RunRecordText.layers(run.training.layers), String(run.training.eta), String(run.training.momentum)]
        }
    }

    private func hashes(_ experiment: Experiment) -> [String] {
        experiment.runs.map { $0.configHash(datasetChecksum: "abc123") }
    }

    /// Pinned: a change here changes the runs of every sampled experiment.
    func testRandomPointsArePinned() throws {
        let experiment = try parse(search("sampler_seed: 7\n"))
        XCTAssertEqual(points(experiment), [
            ["784-89-10", "1.183", "0.7782"],
            ["784-99-10", "0.5469", "0.6948"],
            ["784-12-10", "0.1237", "0.343"],
            ["784-23-10", "0.08226", "0.3826"],
            ["784-51-10", "0.01039", "0.1919"],
        ])
        XCTAssertEqual(hashes(experiment).first, "31b651211530ac99eafbf4b4b0436c1f33390910f046225e7ee62e14ca0a317f")
    }

    /// Coordinates (0.5, 0.5, 0.5), (0.75, 0.25, 0.25), (0.25, 0.75, 0.75),
    /// (0.375, 0.375, 0.625), (0.875, 0.875, 0.125): η = 10^(−2 + 3u),
    /// hidden = 10 + ⌊91u⌋, μ = 0.9u.
    func testSobolPointsArePinned() throws {
        let experiment = try parse(search("sampler: sobol\n"))
        XCTAssertEqual(points(experiment), [
            ["784-55-10", "0.3162", "0.45"],
            ["784-32-10", "1.778", "0.225"],
            ["784-78-10", "0.05623", "0.675"],
            ["784-44-10", "0.1334", "0.5625"],
            ["784-89-10", "4.217", "0.1125"],
        ])
    }

    /// Without `sampler_seed`, the seed is the first 8 bytes of the SHA-256
    /// of the name, big-endian: `printf search | sha256sum` starts 24197…
    func testDefaultSeedComesFromTheName() throws {
        let implicit = try parse(search())
        let explicit = try parse(search("sampler_seed: 2601165855576439979\n"))
        XCTAssertEqual(implicit.runs, explicit.runs)
        XCTAssertNotEqual(implicit.runs, try parse(search("sampler_seed: 7\n")).runs)
        XCTAssertEqual(points(implicit), [
            ["784-98-10", "1.443", "0.6346"],
            ["784-68-10", "0.05483", "0.6184"],
            ["784-100-10", "0.5823", "0.04371"],
            ["784-38-10", "0.06658", "0.002516"],
            ["784-63-10", "7.698", "0.4516"],
        ])
    }

    func testTwoParsesGiveTheSamePoints() throws {
        for sampler in ["random", "sobol"] {
            let first = try parse(search("sampler: \(sampler)\n"))
            let second = try parse(search("sampler: \(sampler)\n"))
            XCTAssertEqual(first.runs, second.runs, sampler)
        }
    }

    /// Raising `samples` keeps the earlier runs, so their results are reused.
    func testRaisingSamplesKeepsTheFirstPoints() throws {
        for sampler in ["random", "sobol"] {
            let few = try parse(search("sampler: \(sampler)\n", samples: 3))
            let many = try parse(search("sampler: \(sampler)\n", samples: 40))
            XCTAssertEqual(many.runs.count, 40)
            XCTAssertEqual(Array(many.runs.prefix(3)), few.runs, sampler)
            XCTAssertEqual(Array(hashes(many).prefix(3)), hashes(few), sampler)
            XCTAssertEqual(Set(hashes(many)).count, 40, sampler)
        }
    }

    /// Grid outermost, then the points, then the seeds.
    func testGridTimesPointsTimesSeeds() throws {
        let experiment = try parse("""
            name: search
            layers: [784, 30, 10]
            epochs: 30
            seeds: [1, 2]
            sample:
              eta: {choice: [0.5, 3.0, 10.0]}
            samples: 2
            sampler: sobol
            grid:
              batch: [10, 20]
            """)
        XCTAssertEqual(experiment.gridKeys, [.batch])
        // Sobol coordinates 0.5 and 0.75 pick the choices at ⌊3u⌋ = 1 and 2.
        XCTAssertEqual(experiment.runs.map { [$0.training.batchSize, Int($0.training.eta), Int($0.training.seed)] }, [
            [10, 3, 1], [10, 3, 2], [10, 10, 1], [10, 10, 2],
            [20, 3, 1], [20, 3, 2], [20, 10, 1], [20, 10, 2],
        ])
    }

    /// A sampled run is the run its values make, whichever way they were written.
    func testSampledRunHasTheHashOfTheSameGridPoint() throws {
        let sampled = try parse(search("sampler_seed: 7\n", samples: 2))
        let written = try parse("""
            name: written
            epochs: 30
            batch: 10
            grid:
              layers:
                - [784, 89, 10]
              eta: [1.183]
              momentum: [0.7782]

            """)
        XCTAssertEqual(hashes(written), [hashes(sampled)[0]])
        XCTAssertEqual(
            written.runs[0].canonicalJSON(datasetChecksum: "abc123"),
            sampled.runs[0].canonicalJSON(datasetChecksum: "abc123"))
        XCTAssertTrue(written.runs[0].canonicalJSON(datasetChecksum: "c").contains("\"eta\":1.183,"))
    }

    /// `hidden` fills in the one hidden layer of `[input, output]` too.
    func testHiddenBetweenInputAndOutput() throws {
        let experiment = try parse("""
            name: hidden
            layers: [784, 10]
            eta: 3.0
            epochs: 30
            batch: 10
            sample:
              hidden: {choice: [30, 100]}
            samples: 3
            sampler: sobol
            """)
        XCTAssertEqual(experiment.runs.map(\.training.layers), [[784, 100, 10], [784, 100, 10], [784, 30, 10]])
    }

    /// The default validation set follows each point's `train_limit`.
    func testSampledTrainLimitKeepsItsDefaultValidationSet() throws {
        let experiment = try parse(minimal + """
            sample:
              train_limit: {int_uniform: [50000, 58000]}
            samples: 3
            sampler: sobol

            """)
        XCTAssertEqual(experiment.runs.map(\.trainLimit), [54000, 56000, 52000])
        XCTAssertEqual(experiment.runs.map(\.validationLimit), [6000, 4000, 8000])
    }

    /// The sampling keys never enter a run's identity: a file without them
    /// still names the pinned run of HashingTests.
    func testFilesWithoutSamplingKeepTheirHashes() throws {
        XCTAssertEqual(
            hashes(try parse(minimal)), ["3af8005ceb170c2d7d8677715b4cd494bc6a6a94bc661ec2dc72d8a60850529a"])
    }

    /// Every value a choice or range can give is checked as the key's own,
    /// beside the other keys' problems.
    func testEveryProblemOfTheSamplingKeysAtOnce() {
        XCTAssertEqual(problems { try parse(minimal(replacing: "eta: 3.0\n", with: "") + """
            sample:
              eta: {log_uniform: [0.1, 0.01]}
              patience: {int_uniform: [0, 5]}
              init: {choice: [normal, xavier]}
            samples: 0
            """) }, [
            "experiments/eta.yaml:6:22: sample.eta.log_uniform: the lower end must be less than the upper end, got [0.1, 0.01]",
            "experiments/eta.yaml:7:28: sample.patience.int_uniform[0]: patience must be ≥ 1, got 0",
            "experiments/eta.yaml:8:27: sample.init.choice[1]: expected 'normal' or 'scaled', got \"xavier\"",
            "experiments/eta.yaml:9:10: samples: samples must be ≥ 1, got 0",
        ])
    }
}

/// Layer sizes as the dry run prints them.
private enum RunRecordText {
    static func layers(_ sizes: [Int]) -> String {
        sizes.map(String.init).joined(separator: "-")
    }
}
