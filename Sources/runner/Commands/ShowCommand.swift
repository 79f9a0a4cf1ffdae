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

    @Argument(help: ArgumentHelp(
        "The run's id (runs.id, run_summary.run_id), or a prefix of its config_hash that no other run's has.",
        valueName: "run"))
    var runReference: String

    @OptionGroup var store: StoreOptions

    func run() throws {
        let store = try store.openReader()
        let run = try find(in: store)
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
        // Early stopping's decisions on the run, the last of them a pruned run's reason.
        for (_, decision) in try store.decisions(runID: run.id) {
            lines.append((decision.verdict == .prune ? "pruned          " : "promoted        ") + decision.reason)
        }
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

    /// The run with this id, or else the one run whose config_hash starts
    /// with it (the dry run and `runner list NAME` print 12-digit prefixes).
    /// An id wins over a prefix of digits; an ambiguous prefix names the
    /// runs it matches.
    private func find(in store: any ResultsReader) throws -> StoredRun {
        let run = runReference
        let isNumber = !run.isEmpty && run.allSatisfy { $0.isASCII && $0.isNumber }
        if isNumber, let id = Int64(run), let found = try store.run(id: id) {
            return found
        }
        let prefix = run.lowercased()
        guard !prefix.isEmpty, prefix.allSatisfy({ $0.isASCII && $0.isHexDigit }) else {
            throw RunnerFailure.input("\(self.store.path): '\(run)' is neither a run id nor a config_hash prefix (hex digits)")
        }
        let matches = try store.runs(configHashPrefix: prefix)
        switch matches.count {
        case 0:
            let id = isNumber ? "the id \(run) or " : ""
            throw RunnerFailure.input("\(self.store.path): no run has \(id)a config_hash starting with \(prefix)")
        case 1:
            return matches[0]
        default:
            let shown = matches.prefix(10).map { "run \($0.id) (\($0.record.configHash.prefix(12)))" }
            let more = matches.count > 10 ? ", and \(matches.count - 10) more" : ""
            throw RunnerFailure.input("\(self.store.path): config_hash prefix \(prefix) is ambiguous: "
                + "\(matches.count) runs match: \(shown.joined(separator: ", "))\(more); give more digits")
        }
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
