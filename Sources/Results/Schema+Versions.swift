extension Schema {
    /// Every registered version of each experiment's spec, so that replacing
    /// one (`runner sweep --replace`) loses nothing. An experiment of an
    /// earlier schema gets one version, its current spec; when that spec
    /// was registered is not known, so its `registered_at` is the
    /// experiment's `created_at`, and its source path is unknown (NULL).
    static let version4 = """
        CREATE TABLE experiment_versions (
            id INTEGER PRIMARY KEY,
            experiment_id INTEGER NOT NULL REFERENCES experiments(id) ON DELETE CASCADE,
            spec_yaml TEXT,
            spec_sha256 TEXT,
            registered_at TEXT,
            source_path TEXT
        );
        CREATE INDEX experiment_versions_experiment ON experiment_versions(experiment_id);

        INSERT INTO experiment_versions (experiment_id, spec_yaml, spec_sha256, registered_at, source_path)
        SELECT id, spec_yaml, spec_sha256, created_at, NULL FROM experiments ORDER BY id;
        """
}
