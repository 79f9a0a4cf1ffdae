import ArgumentParser
import Foundation
import Results
import Sweep

struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Retrain stored runs and compare every epoch with the database, bit for bit.",
        discussion: """
            For each run: checks that its configuration and the dataset on disk still \
            hash to the stored config_hash, retrains it, and compares every epoch's \
            eta, train_cost, test_cost, test_accuracy, validation_cost and \
            validation_accuracy with the stored values exactly, reporting the first \
            epoch that differs. Any CPU and any kernel variant \
            (RUNNER_KERNELS) reproduces every bit. \
            A run trained by another hash version (another arithmetic) cannot be \
            reproduced by this runner; it is not retrained and is reported as such. \
            Exits 1 when any run is not reproduced.
            """
    )

    @Argument(help: "Run ids to verify.")
    var runIDs: [Int64] = []

    @Option(help: "Verify every done run of this experiment, and every run early stopping pruned (to its last epoch).")
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
            if experiment == nil || run.status == .done || run.status == .pruned { runs.append(run) }
        }
        var counts: [Verdict: Int] = [:]
        for run in runs {
            let verification = try RunVerification.verify(run, stored: store.epochs(runID: run.id), anchors: .runner)
            let (verdict, message) = Self.render(verification)
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

    /// The verdict to count and the line to print.
    static func render(_ verification: RunVerification) -> (Verdict, String) {
        switch verification {
        case .reproduced(let epochs):
            return (.reproduced, "\(epochs) epochs identical")
        case .otherArithmetic(let version, let current) where version < current:
            return (.olderArithmetic, "trained by hash version \(version), an older arithmetic; this runner "
                + "(hash version \(current)) cannot reproduce its bits, so it was not retrained; "
                + "sweep its experiment again to train it anew")
        case .otherArithmetic(let version, let current):
            return (.newerArithmetic, "trained by hash version \(version), a newer arithmetic; this runner "
                + "(hash version \(current)) cannot reproduce its bits, so it was not retrained; "
                + "verify it with a newer runner")
        case .differs(.unknownInitialization(let name)):
            return (.differs, "unknown initialisation '\(name)'")
        case .differs(.unknownCost(let name)):
            return (.differs, "unknown cost '\(name)'")
        case .differs(.identity(let checksum, let stored)):
            return (.differs, "configuration or dataset differs from the stored run (dataset sha256 \(checksum), "
                + "stored \(stored ?? "unknown"))")
        case .differs(.epoch(let epoch, let field, let stored, let retrained)):
            return (.differs, "DIFFERS at epoch \(epoch) \(field): stored \(stored), retrained \(retrained)")
        case .differs(.extraEpoch(let epoch, let storedEpochs)):
            return (.differs, "DIFFERS at epoch \(epoch): retrained, but the database has only \(storedEpochs) epochs")
        case .differs(.epochCount(let retrained, let status, let stored)):
            return (.differs, "DIFFERS: retraining gave \(retrained) epochs (\(status)), the database has \(stored)")
        }
    }

    private func describe(_ record: RunRecord) -> String {
        "\(RunRecord.layersText(record.layers)) eta=\(record.eta) "
            + "batch=\(record.batchSize) seed=\(record.seed)"
    }
}
