import Foundation
import GRDB

extension SQLiteResultsStore {
    public func recordEpoch(runID: Int64, _ epoch: EpochRecord, checkpoint: Data?) throws {
        try writeTransaction("record epoch \(epoch.epoch) of run \(runID)") { db in
            // Cached, as every statement of this per-epoch transaction: preparing
            // it again each epoch took a third of the transaction's time.
            try db.cachedStatement(sql: "UPDATE runs SET heartbeat_at = \(Self.nowSQL) WHERE id = ? AND status = 'running'")
                .execute(arguments: [runID])
            // A run handed back (by an interrupted sweep's release) must not
            // gain epochs from a worker that was still finishing one.
            guard db.changesCount == 1 else {
                throw ResultsError(path: path, message: Self.notRunning(runID))
            }
            try db.cachedStatement(sql: """
                INSERT INTO epochs (run_id, epoch, train_cost, test_cost, test_accuracy, seconds,
                                    eta, validation_cost, validation_accuracy)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """).execute(arguments: [
                    runID, epoch.epoch, epoch.trainCost, epoch.testCost, epoch.testAccuracy, epoch.seconds,
                    epoch.eta, epoch.validationCost, epoch.validationAccuracy,
                ])
            if let checkpoint {
                try db.cachedStatement(sql: """
                    INSERT INTO checkpoints (run_id, epoch, state) VALUES (?, ?, ?)
                    ON CONFLICT (run_id) DO UPDATE SET epoch = excluded.epoch, state = excluded.state
                    """).execute(arguments: [runID, epoch.epoch, checkpoint])
            } else {
                try db.execute(sql: "DELETE FROM checkpoints WHERE run_id = ?", arguments: [runID])
            }
        }
    }

    public func checkpoint(runID: Int64) throws -> (epoch: Int, state: Data)? {
        try read { db in
            try Row.fetchOne(db, sql: "SELECT epoch, state FROM checkpoints WHERE run_id = ?", arguments: [runID])
                .map { (epoch: $0[0], state: $0[1]) }
        }
    }

    public func discardProgress(runID: Int64) throws {
        try writeTransaction("discard the epochs of run \(runID)") { db in
            guard try Bool.fetchOne(db, sql: "SELECT status = 'running' FROM runs WHERE id = ?", arguments: [runID]) == true
            else {
                throw ResultsError(path: path, message: Self.notRunning(runID))
            }
            try db.execute(sql: "DELETE FROM epochs WHERE run_id = ?", arguments: [runID])
            try db.execute(sql: "DELETE FROM checkpoints WHERE run_id = ?", arguments: [runID])
        }
    }

    /// Deletes the epochs a run cannot be continued with: those after its
    /// checkpoint, or all of them when it has none (a failed run retried,
    /// or one recorded before checkpoints were).
    static func keepEpochsUpToCheckpoint(of runID: Int64, in db: Database) throws {
        try db.execute(
            sql: """
                DELETE FROM epochs WHERE run_id = ?
                  AND epoch > coalesce((SELECT epoch FROM checkpoints WHERE run_id = ?), 0)
                """,
            arguments: [runID, runID])
    }
}
