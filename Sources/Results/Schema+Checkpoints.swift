extension Schema {
    /// A run's training state after its last recorded epoch, so that an
    /// interrupted run continues instead of training again from the start.
    /// One row per run: each epoch replaces the previous state, which is
    /// about 95 KB for [784, 30, 10] and needed only until the run finishes.
    static let version6 = """
        CREATE TABLE checkpoints (
            run_id INTEGER PRIMARY KEY REFERENCES runs(id) ON DELETE CASCADE,
            epoch INTEGER NOT NULL,
            state BLOB NOT NULL
        );
        """
}
