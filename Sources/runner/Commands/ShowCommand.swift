import ArgumentParser
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
            "eta             \(formatNumber(record.eta))",
            "epochs          \(record.epochs)",
            "batch           \(record.batchSize)",
            "init            \(record.initialization)",
            "seed            \(record.seed)",
            "dataset         \(record.dataset) (sha256 \(run.datasetChecksum ?? "unknown"))",
            "train / test    \(record.trainLimit) / \(record.testLimit)",
            "status          \(run.status.rawValue)" + (run.error.map { ": \($0)" } ?? ""),
        ]
        if let best = run.bestAccuracy, let epoch = run.bestEpoch, let final = run.finalAccuracy {
            lines.append("accuracy        best \(best) (epoch \(epoch)), final \(final)")
        }
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
        print(TextTable(
            columns: ["epoch", "train_cost", "test_cost", "test_accuracy", "seconds"],
            rows: epochs.map { e in
                [String(e.epoch), "\(e.trainCost)", "\(e.testCost)", "\(e.testAccuracy)", String(format: "%.3f", e.seconds)]
            }
        ).render())
    }
}
