import GRDB

extension SQLiteResultsStore {
    /// Deletes, with their epochs, those of `runIDs` that are still linked
    /// to no experiment and not `running` (a sweep may be training a run its
    /// experiment dropped meanwhile). Runs any experiment links to are kept,
    /// whatever `runIDs` says, so a run relinked since it was listed survives.
    /// One transaction.
    ///
    /// Not part of ``ResultsWriter``: a sweep never deletes runs.
    ///
    /// - Returns: how many runs and epochs were deleted.
    public func deleteOrphanedRuns(_ runIDs: [Int64]) throws -> (runs: Int, epochs: Int) {
        try writeTransaction("delete runs linked to no experiment") { db in
            let orphan = """
                id = ? AND status <> 'running' AND NOT EXISTS (SELECT 1 FROM experiment_runs er WHERE er.run_id = runs.id)
                """
            var deleted = (runs: 0, epochs: 0)
            for id in runIDs {
                deleted.epochs += try Int.fetchOne(
                    db, sql: "SELECT count(*) FROM epochs WHERE run_id IN (SELECT id FROM runs WHERE \(orphan))",
                    arguments: [id]) ?? 0
                // Foreign keys are on: the run's epochs go with it.
                try db.execute(sql: "DELETE FROM runs WHERE \(orphan)", arguments: [id])
                deleted.runs += db.changesCount
            }
            return deleted
        }
    }
}
