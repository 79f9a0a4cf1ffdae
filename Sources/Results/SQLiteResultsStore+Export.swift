import Foundation
import GRDB

extension SQLiteResultsStore {
    /// Column lists of the three export files. Timing columns are limited to
    /// `wall_seconds` (runs) and `seconds` (epochs), so two runs of the same
    /// sweep export identical files apart from those. `hash_version` comes
    /// last in each, after the columns older exports had; the kernel variant
    /// is left out, as every variant gives the same numbers.
    static let exportedRunColumns = [
        "run_id", "config_hash", "layers", "hidden", "eta", "epochs", "batch_size", "init", "seed",
        "dataset", "train_size", "test_size", "status", "final_accuracy", "best_accuracy",
        "best_epoch", "final_train_cost", "wall_seconds", "hash_version",
    ]
    static let exportedConfigColumns = [
        "layers", "hidden", "eta", "epochs", "batch_size", "init", "dataset", "train_size",
        "test_size", "n_seeds", "mean_final_accuracy", "std_final_accuracy", "min_final_accuracy",
        "max_final_accuracy", "mean_best_accuracy", "std_best_accuracy", "min_best_accuracy",
        "max_best_accuracy", "hash_version",
    ]
    static let exportedEpochColumns = [
        "config_hash", "layers", "hidden", "eta", "epochs", "batch_size", "init", "seed", "epoch",
        "train_cost", "test_cost", "test_accuracy", "seconds", "hash_version",
    ]

    public func export(experiment: String, to directory: String) throws -> [String] {
        guard !experiment.isEmpty, !experiment.contains("/"), experiment != ".", experiment != ".." else {
            throw ResultsError(
                path: path, message: "cannot export experiment '\(experiment)': not usable in a file name", kind: .input)
        }
        // One read transaction: the three files describe the same snapshot
        // even while workers keep writing. Rows follow the experiment's
        // expansion order, never run ids, which depend on scheduling.
        let files: [(name: String, contents: String)] = try read { db in
            try requireExperiment(experiment, in: db)
            let runs = try Self.csv(db, columns: Self.exportedRunColumns, sql: """
                SELECT \(Self.exportedRunColumns.joined(separator: ", ")) FROM run_summary
                WHERE experiment = ? ORDER BY position, run_id
                """, experiment: experiment)
            let configs = try Self.csv(db, columns: Self.exportedConfigColumns, sql: """
                SELECT \(Self.exportedConfigColumns.joined(separator: ", ")) FROM config_summary
                WHERE experiment = ? ORDER BY first_position
                """, experiment: experiment)
            let epochs = try Self.csv(db, columns: Self.exportedEpochColumns, sql: """
                SELECT \(Self.exportedEpochColumns.joined(separator: ", "))
                FROM run_summary JOIN epochs USING (run_id)
                WHERE experiment = ? ORDER BY position, run_id, epoch
                """, experiment: experiment)
            return [("\(experiment)-runs.csv", runs), ("\(experiment)-configs.csv", configs), ("\(experiment)-epochs.csv", epochs)]
        }

        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw ResultsError(path: directory, message: "cannot create export directory: \(error.localizedDescription)")
        }
        return try files.map { file in
            let destination = (directory as NSString).appendingPathComponent(file.name)
            try Self.writeAtomically(Data(file.contents.utf8), to: destination)
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
