import Foundation
import GRDB

extension SQLiteResultsStore {
    /// Column lists of the reference files, a pure function of the results:
    /// no database ids and no timings, so the same experiment trained
    /// again, into any database, exports the same bytes. Columns come in the
    /// order they were added, so older exports' columns keep their places
    /// (but for `run_id` and the timings, which moved out):
    /// `hash_version` after the first ones, then the chapter-3 options, the
    /// validation set, the selection by validation accuracy, and what
    /// migration v5 and the epochs' configuration added. The kernel variant
    /// is left out, as every variant gives the same numbers.
    static let exportedRunColumns = [
        "config_hash", "layers", "hidden", "eta", "epochs", "batch_size", "init", "seed",
        "dataset", "train_size", "test_size", "status", "final_accuracy", "best_accuracy",
        "best_epoch", "final_train_cost", "hash_version",
    ] + optionColumns + [
        "stop_reason", "best_validation_accuracy", "best_validation_epoch", "test_accuracy_at_best_validation",
        "hidden_total",
    ]
    static let exportedConfigColumns = [
        "layers", "hidden", "eta", "epochs", "batch_size", "init", "dataset", "train_size",
        "test_size", "n_seeds", "mean_final_accuracy", "std_final_accuracy", "min_final_accuracy",
        "max_final_accuracy", "mean_best_accuracy", "std_best_accuracy", "min_best_accuracy",
        "max_best_accuracy", "hash_version",
    ] + optionColumns + ["best_validation_accuracy", "test_accuracy_at_best_validation"].flatMap { accuracy in
        ["mean", "std", "min", "max"].map { "\($0)_\(accuracy)" }
    } + ["hidden_total"]
    /// The epoch's own η is `epoch_eta`: `eta` is the run's, as in the other
    /// files. Every setting a run can vary in is here, so each row says
    /// which configuration it is without a join.
    static let exportedEpochColumns = [
        "config_hash", "layers", "hidden", "eta", "epochs", "batch_size", "init", "seed", "epoch",
        "train_cost", "test_cost", "test_accuracy", "hash_version",
    ] + optionColumns + [
        "epoch_eta", "validation_cost", "validation_accuracy", "dataset", "train_size", "test_size", "hidden_total",
    ]
    /// What differs each time the same runs train: the epoch's and the
    /// run's wall-clock seconds, and the kernel variant that set the pace.
    static let exportedTimingColumns = ["config_hash", "epoch", "seconds", "wall_seconds", "kernels"]
    /// The configuration beyond Nielsen's chapter 1, in every file.
    private static let optionColumns = ["cost", "l2", "momentum", "patience", "eta_halving", "validation_size"]

    /// The export files of an experiment, in the order ``export(experiment:to:)`` writes them.
    public static func exportFileNames(experiment: String) -> [String] {
        ["runs", "configs", "epochs", "timings"].map { "\(experiment)-\($0).csv" }
    }

    public func export(experiment: String, to directory: String) throws -> [String] {
        guard !experiment.isEmpty, !experiment.contains("/"), experiment != ".", experiment != ".." else {
            throw ResultsError(
                path: path, message: "cannot export experiment '\(experiment)': not usable in a file name", kind: .input)
        }
        // One read transaction: the files describe the same snapshot even
        // while workers keep writing. Rows follow the experiment's expansion
        // order, then the identity, never run ids, which depend on the
        // database and on scheduling.
        let contents: [String] = try read { db in
            try requireExperiment(experiment, in: db)
            let runs = try Self.csv(db, columns: Self.exportedRunColumns, sql: """
                SELECT \(Self.exportedRunColumns.joined(separator: ", ")) FROM run_summary
                WHERE experiment = ? ORDER BY position, config_hash
                """, experiment: experiment)
            let configs = try Self.csv(db, columns: Self.exportedConfigColumns, sql: """
                SELECT \(Self.exportedConfigColumns.joined(separator: ", ")) FROM config_summary
                WHERE experiment = ? ORDER BY first_position, hash_version, validation_size
                """, experiment: experiment)
            // Both sides have `eta` and `epochs`; each column is named by its source.
            let epochColumns = Self.exportedEpochColumns.map { column in
                switch column {
                case "epoch_eta": "e.eta AS epoch_eta"
                case "epoch", "train_cost", "test_cost", "test_accuracy", "validation_cost", "validation_accuracy":
                    "e.\(column)"
                default: "s.\(column)"
                }
            }
            let epochs = try Self.csv(db, columns: Self.exportedEpochColumns, sql: """
                SELECT \(epochColumns.joined(separator: ", "))
                FROM run_summary s JOIN epochs e ON e.run_id = s.run_id
                WHERE s.experiment = ? ORDER BY s.position, s.config_hash, e.epoch
                """, experiment: experiment)
            let timings = try Self.csv(db, columns: Self.exportedTimingColumns, sql: """
                SELECT s.config_hash, e.epoch, e.seconds, s.wall_seconds, r.kernels
                FROM run_summary s JOIN epochs e ON e.run_id = s.run_id JOIN runs r ON r.id = s.run_id
                WHERE s.experiment = ? ORDER BY s.position, s.config_hash, e.epoch
                """, experiment: experiment)
            return [runs, configs, epochs, timings]
        }

        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw ResultsError(path: directory, message: "cannot create export directory: \(error.localizedDescription)")
        }
        return try zip(Self.exportFileNames(experiment: experiment), contents).map { name, text in
            let destination = (directory as NSString).appendingPathComponent(name)
            try Self.writeAtomically(Data(text.utf8), to: destination)
            return destination
        }
    }

    private static func csv(_ db: Database, columns: [String], sql: String, experiment: String) throws -> String {
        var writer = CSVWriter(header: columns)
        let rows = try Row.fetchCursor(db, sql: sql, arguments: [experiment])
        while let row = try rows.next() {
            writer.appendRow(row.databaseValues.lazy.map(\.text))
        }
        return writer.text
    }

    /// Writes a temporary file beside `destination` and renames it over, so a
    /// reader sees the old file or the new one, never half of one.
    private static func writeAtomically(_ data: Data, to destination: String) throws {
        let directory = (destination as NSString).deletingLastPathComponent
        let name = (destination as NSString).lastPathComponent
        let temporary = (directory as NSString).appendingPathComponent(
            ".\(name).\(ProcessInfo.processInfo.processIdentifier).tmp")
        do {
            try data.write(to: URL(fileURLWithPath: temporary))
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
            throw ResultsError(path: destination, message: "cannot write: \(error.localizedDescription)")
        }
        guard rename(temporary, destination) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(atPath: temporary)
            throw ResultsError(path: destination, message: "cannot replace: \(reason)")
        }
    }
}
