import GRDB

// Registering an experiment's spec: every version registered is kept in
// `experiment_versions`.
extension SQLiteResultsStore {
    /// The experiment's id, registered with `experiment`'s spec in `db`'s
    /// transaction: created with its first version, or, for another spec
    /// than the one registered, given this spec and description as its
    /// next version.
    func registerSpec(_ experiment: ExperimentRecord, in db: Database) throws -> Int64 {
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
        try db.execute(
            sql: "UPDATE experiments SET description = ?, spec_yaml = ?, spec_sha256 = ? WHERE id = ?",
            arguments: [experiment.description, experiment.specYAML, experiment.specSHA256, id])
        try addVersion(of: experiment, id: id, in: db)
        return id
    }

    private func addVersion(of experiment: ExperimentRecord, id: Int64, in db: Database) throws {
        try db.execute(
            sql: """
                INSERT INTO experiment_versions (experiment_id, spec_yaml, spec_sha256, registered_at, source_path)
                VALUES (?, ?, ?, \(Self.nowSQL), ?)
                """,
            arguments: [id, experiment.specYAML, experiment.specSHA256, experiment.sourcePath])
    }
}
