import ArgumentParser
import Backprop
import Datasets
import Experiments
import Foundation
import Sweep
import Results

struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Retrain stored runs and compare every epoch with the database, bit for bit.",
        discussion: """
            For each run: checks that its configuration and the dataset on disk still \
            hash to the stored config_hash, retrains it, and compares every epoch's \
            train_cost, test_cost and test_accuracy with the stored values exactly, \
            reporting the first epoch that differs. Any CPU and any kernel variant \
            (RUNNER_KERNELS) reproduces every bit. \
            A run trained by another hash version (another arithmetic) cannot be \
            reproduced by this runner; it is not retrained and is reported as such. \
            Exits 1 when any run is not reproduced.
            """
    )

    @Argument(help: "Run ids to verify.")
    var runIDs: [Int64] = []

    @Option(help: "Verify every done run of this experiment.")
    var experiment: String?

    @OptionGroup var store: StoreOptions

    func validate() throws {
        guard runIDs.isEmpty != (experiment == nil) else {
            throw ValidationError("give run ids or --experiment NAME, not both and not neither")
        }
    }

    func run() throws {
        let store = try store.openReader()
        var runs: [StoredRun] = []
        for id in try experiment.map({ try store.runIDs(experiment: $0) }) ?? runIDs {
            guard let run = try store.run(id: id) else {
                throw RunnerFailure.input("\(self.store.path): no run with id \(id)")
            }
            if experiment == nil || run.status == .done { runs.append(run) }
        }
        var counts: [Verdict: Int] = [:]
        for run in runs {
            let (verdict, message) = try verify(run, stored: store.epochs(runID: run.id))
            print("run \(run.id) (\(describe(run.record))): \(message)")
            fflush(nil)
            counts[verdict, default: 0] += 1
        }
        let reproduced = counts[.reproduced, default: 0]
        guard reproduced == runs.count else {
            let reasons = Verdict.allCases.filter { $0 != .reproduced }.compactMap { verdict in
                counts[verdict].map(verdict.counted)
            }
            throw RunnerFailure.runtime(
                "\(reproduced) of \(runs.count) run(s) reproduced: " + reasons.joined(separator: ", "))
        }
        print("\(runs.count) run(s) reproduced bit for bit")
    }

    /// How a run fared.
    enum Verdict: CaseIterable {
        case reproduced
        /// Retrained to other numbers, or its configuration or dataset no
        /// longer hash to its identity.
        case differs
        /// Trained by another hash version, whose bits this runner's
        /// arithmetic cannot give: not retrained, and not a difference.
        case olderArithmetic, newerArithmetic

        /// `count` runs of this verdict, as the final line names them: `2 differ`.
        func counted(_ count: Int) -> String {
            switch self {
            case .reproduced: "\(count) reproduced"
            case .differs: count == 1 ? "1 differs" : "\(count) differ"
            case .olderArithmetic: "\(count) from an older arithmetic"
            case .newerArithmetic: "\(count) from a newer arithmetic"
            }
        }
    }

    private func verify(_ run: StoredRun, stored: [EpochRecord]) throws -> (Verdict, String) {
        let record = run.record
        let current = RunSpec.hashVersion
        // Checked first, before the dataset is loaded: the configuration
        // check would call such a run another configuration, and no retraining
        // by this runner could match its numbers.
        if let version = run.hashVersion, version < current {
            return (.olderArithmetic, "trained by hash version \(version), an older arithmetic; this runner "
                + "(hash version \(current)) cannot reproduce its bits, so it was not retrained; "
                + "sweep its experiment again to train it anew")
        }
        if let version = run.hashVersion, version > current {
            return (.newerArithmetic, "trained by hash version \(version), a newer arithmetic; this runner "
                + "(hash version \(current)) cannot reproduce its bits, so it was not retrained; "
                + "verify it with a newer runner")
        }
        guard let initialization = Initialization(rawValue: record.initialization) else {
            return (.differs, "unknown initialisation '\(record.initialization)'")
        }
        let spec = RunSpec(
            dataset: record.dataset, trainLimit: record.trainLimit, testLimit: record.testLimit,
            training: TrainingConfiguration(
                layers: record.layers, eta: record.eta, epochs: record.epochs, batchSize: record.batchSize,
                initialization: initialization, seed: record.seed))
        let (dataset, train, test) = try DataSelection(
            dataset: record.dataset, trainLimit: record.trainLimit, testLimit: record.testLimit
        ).load()
        guard spec.configHash(datasetChecksum: dataset.checksum) == record.configHash else {
            return (.differs, "configuration or dataset differs from the stored run (dataset sha256 \(dataset.checksum), "
                + "stored \(run.datasetChecksum ?? "unknown"))")
        }

        var difference: String?
        let outcome = try Trainer(configuration: spec.training, train: train, test: test).run { report in
            guard report.epoch <= stored.count else {
                difference = "epoch \(report.epoch): retrained, but the database has only \(stored.count) epochs"
                return .stop
            }
            difference = Self.firstDifference(stored[report.epoch - 1], report)
            return difference == nil ? .proceed : .stop
        }
        if let difference { return (.differs, "DIFFERS at \(difference)") }
        if outcome.epochs.count != stored.count {
            return (.differs, "DIFFERS: retraining gave \(outcome.epochs.count) epochs (\(outcome.status)), the database has \(stored.count)")
        }
        return (.reproduced, "\(stored.count) epochs identical")
    }

    /// Bitwise comparison; a NaN (stored as NULL) matches any NaN.
    static func firstDifference(_ stored: EpochRecord, _ retrained: EpochReport) -> String? {
        let fields: [(String, Double, Double)] = [
            ("train_cost", stored.trainCost, retrained.trainCost),
            ("test_cost", stored.testCost, retrained.testCost),
            ("test_accuracy", stored.testAccuracy, retrained.testAccuracy),
        ]
        for (name, old, new) in fields where old.bitPattern != new.bitPattern && !(old.isNaN && new.isNaN) {
            return "epoch \(retrained.epoch) \(name): stored \(old), retrained \(new)"
        }
        return nil
    }

    private func describe(_ record: RunRecord) -> String {
        "\(RunRecord.layersText(record.layers)) eta=\(formatNumber(record.eta)) "
            + "batch=\(record.batchSize) seed=\(record.seed)"
    }
}
