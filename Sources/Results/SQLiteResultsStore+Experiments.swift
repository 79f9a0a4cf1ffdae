import Foundation
import GRDB

// Registering an experiment's spec: a name keeps one spec unless the caller
// replaces it, and every version registered is kept in `experiment_versions`.
extension SQLiteResultsStore {
    /// The experiment's id, registered with `experiment`'s spec in `db`'s
    /// transaction, as ``ResultsWriter/register(_:runs:replacingSpec:)``
    /// documents. Refuses before writing anything.
    func registerSpec(_ experiment: ExperimentRecord, replacing: Bool, in db: Database) throws -> Int64 {
        guard let row = try Row.fetchOne(
            db, sql: "SELECT id, spec_sha256 FROM experiments WHERE name = ?", arguments: [experiment.name])
        else {
            try db.execute(
                sql: """
                    INSERT INTO experiments (name, description, spec_yaml, spec_sha256, created_at)
                    VALUES (?, ?, ?, ?, \(Self.nowSQL))
                    """,
                arguments: [experiment.name, experiment.description, experiment.specYAML, experiment.specSHA256])
            let id = db.lastInsertedRowID
            try addVersion(of: experiment, id: id, in: db)
            return id
        }
        let id: Int64 = row[0]
        if row[1] as String? == experiment.specSHA256 { return id }
        guard replacing else {
            throw ExperimentSpecConflict(store: path, experiment: experiment, registered: try currentVersion(of: id, in: db))
        }
        try db.execute(
            sql: "UPDATE experiments SET description = ?, spec_yaml = ?, spec_sha256 = ? WHERE id = ?",
            arguments: [experiment.description, experiment.specYAML, experiment.specSHA256, id])
        try addVersion(of: experiment, id: id, in: db)
        return id
    }

    /// Refuses what ``register(_:runs:replacingSpec:)`` would refuse without
    /// replacing (the experiment's name registered with another spec) by
    /// reading the file at `path` through a read-only connection, which
    /// leaves it byte for byte as it is: opening it to write changes its
    /// header, since GRDB creates and drops a table to make the write-ahead
    /// log. A missing file is no conflict. `register` checks again, in its
    /// transaction, for a registration made in between.
    ///
    /// - Throws: ``ExperimentSpecConflict``; ``ResultsError`` for a file
    ///   that is not a results database this runner can read.
    public static func checkRegistration(_ experiment: ExperimentRecord, at path: String) throws {
        guard FileManager.default.fileExists(atPath: path) else { return }
        let store = try SQLiteResultsStore(path: path, readOnly: true)
        defer { try? store.close() }
        let conflict = try store.read { db -> ExperimentSpecConflict? in
            guard let id = try Int64.fetchOne(
                db, sql: "SELECT id FROM experiments WHERE name = ? AND spec_sha256 IS NOT ?",
                arguments: [experiment.name, experiment.specSHA256])
            else { return nil }
            return ExperimentSpecConflict(
                store: path, experiment: experiment, registered: try store.currentVersion(of: id, in: db))
        }
        if let conflict { throw conflict }
    }

    private func addVersion(of experiment: ExperimentRecord, id: Int64, in db: Database) throws {
        try db.execute(
            sql: """
                INSERT INTO experiment_versions (experiment_id, spec_yaml, spec_sha256, registered_at, source_path)
                VALUES (?, ?, ?, \(Self.nowSQL), ?)
                """,
            arguments: [id, experiment.specYAML, experiment.specSHA256, experiment.sourcePath])
    }

    /// The experiment's spec with when and from where its latest
    /// registration came; the experiment's first registration when no
    /// version records it (a row no runner wrote).
    private func currentVersion(of id: Int64, in db: Database) throws -> ExperimentVersion {
        guard let row = try Row.fetchOne(
            db,
            sql: """
                SELECT e.spec_yaml, e.spec_sha256, coalesce(v.registered_at, e.created_at) AS registered_at,
                       v.source_path
                FROM experiments e
                LEFT JOIN experiment_versions v ON v.id = (
                    SELECT max(id) FROM experiment_versions WHERE experiment_id = e.id AND spec_sha256 IS e.spec_sha256)
                WHERE e.id = ?
                """,
            arguments: [id])
        else {
            throw ResultsError(path: path, message: "experiment \(id) vanished while registering it")
        }
        return ExperimentVersion(
            specYAML: (try row.decode(forColumn: "spec_yaml")) ?? "", specSHA256: row["spec_sha256"] ?? "",
            registeredAt: (try row.decode(forColumn: "registered_at")), sourcePath: (try row.decode(forColumn: "source_path")))
    }
}
