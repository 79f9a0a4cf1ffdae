import ArgumentParser
import Datasets
import Foundation
import Sweep
import Results

struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Print a run's configuration, provenance and epochs."
    )

    @Argument(help: "The run's id (runs.id, run_summary.run_id).")
    var runID: Int64

    @OptionGroup var store: StoreOptions

    func run() throws {
        let store = try store.openReader()
        guard let run = try store.run(id: runID) else {
            throw RunnerFailure.input("\(self.store.path): no run with id \(runID)")
        }
        let record = run.record
        var lines = [
            "run \(run.id) of experiment \(run.experiment)",
            "config_hash     \(record.configHash)",
            "layers          \(RunRecord.layersText(record.layers))",
            "eta             \(record.eta)",
            "epochs          \(record.epochs)",
            "batch           \(record.batchSize)",
            "init            \(record.initialization)",
        ]
        lines += Self.options(of: record)
        lines += [
            "seed            \(record.seed)",
            "dataset         \(record.dataset) (sha256 \(run.datasetChecksum ?? "unknown"))",
            "train / test    \(record.trainLimit) / \(record.testLimit)",
        ]
        if let validation = Self.validation(of: record) { lines.append("validation      \(validation)") }
        lines.append("status          \(run.status.rawValue)" + (run.error.map { ": \($0)" } ?? ""))
        if let reason = run.stopReason { lines.append("stopped early   \(reason)") }
        lines += Self.outcome(of: run)
        lines += [
            "runner          \(run.runnerVersion ?? "unknown"), commit \(run.gitCommit ?? "unknown")",
            "kernels         \(run.kernels ?? "unknown")",
            "host            \(run.host ?? "unknown")",
            "started         \(run.startedAt ?? "-")",
            "finished        \(run.finishedAt ?? "-")" + (run.wallSeconds.map { String(format: " (%.2f s)", $0) } ?? ""),
        ]
        print(lines.joined(separator: "\n"))
        let epochs = try store.epochs(runID: run.id)
        guard !epochs.isEmpty else { return print("no epochs recorded") }
        print("")
        let etaChanged = epochs.contains { epoch in epoch.eta.map { $0 != record.eta } ?? false }
        print(Self.table(epochs, showingEta: record.etaHalving != nil || etaChanged))
    }

    /// The chapter-3 options that differ from their defaults, one line each.
    private static func options(of record: RunRecord) -> [String] {
        var lines: [String] = []
        if record.cost != "quadratic" { lines.append("cost            \(record.cost)") }
        if record.l2 != 0 { lines.append("l2              \(record.l2)") }
        if record.momentum != 0 { lines.append("momentum        \(record.momentum)") }
        if let patience = record.patience { lines.append("patience        \(patience)") }
        if let window = record.etaHalving { lines.append("eta_halving     \(window)") }
        return lines
    }

    /// The validation set, unless it is the default one.
    private static func validation(of record: RunRecord) -> String? {
        switch record.validationLimit {
        case nil: "none (stored before validation sets were recorded)"
        case 0?: "none"
        case Dataset.nielsenValidationLimit?: nil
        case let size?: "\(size) (the last of the training split)"
        }
    }

    /// The epoch chosen on the validation set and its test accuracy, the
    /// number to report; the best test epoch, chosen on the test set; the last.
    private static func outcome(of run: StoredRun) -> [String] {
        var lines: [String] = []
        if let validation = run.bestValidationAccuracy, let epoch = run.bestValidationEpoch,
           let test = run.testAccuracyAtBestValidation {
            lines.append("best validation \(validation) (epoch \(epoch)), test accuracy there \(test)")
        }
        if let best = run.bestAccuracy, let epoch = run.bestEpoch {
            lines.append("best test       \(best) (epoch \(epoch), chosen on the test set: optimistic)")
        }
        if let final = run.finalAccuracy { lines.append("final           \(final)") }
        return lines
    }

    /// η only when it changed or may change; the validation columns only when the run has a validation set.
    private static func table(_ epochs: [EpochRecord], showingEta: Bool) -> String {
        let validated = epochs.contains { $0.validationAccuracy != nil }
        var columns = ["epoch"] + (showingEta ? ["eta"] : []) + ["train_cost", "test_cost", "test_accuracy"]
        if validated { columns += ["validation_cost", "validation_accuracy"] }
        columns.append("seconds")
        let rows = epochs.map { e in
            var row = [String(e.epoch)] + (showingEta ? [e.eta.map { "\($0)" } ?? "-"] : [])
            row += ["\(e.trainCost)", "\(e.testCost)", "\(e.testAccuracy)"]
            if validated { row += [e.validationCost.map { "\($0)" } ?? "-", e.validationAccuracy.map { "\($0)" } ?? "-"] }
            row.append(String(format: "%.3f", e.seconds))
            return row
        }
        return TextTable(columns: columns, rows: rows).render()
    }
}
