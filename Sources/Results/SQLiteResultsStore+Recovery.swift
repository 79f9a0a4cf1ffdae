import GRDB

extension SQLiteResultsStore {
    public func reclaimAbandoned(host: String, isAlive: (Int32) -> Bool, staleAfter: Double) throws -> [String] {
        try writeTransaction("reclaim abandoned runs") { db in
            let running = try Row.fetchAll(
                db,
                sql: """
                    SELECT id, config_hash, host, owner_pid,
                           (julianday('now') - julianday(heartbeat_at)) * 86400 AS silence
                    FROM runs WHERE status = 'running'
                    """)
            let abandoned = running.map { row in
                RunningRun(
                    id: row["id"], configHash: row["config_hash"], host: row["host"], ownerPID: row["owner_pid"],
                    secondsSinceHeartbeat: row["silence"], experiments: [])
            }.filter { $0.isAbandoned(host: host, isAlive: isAlive, staleAfter: staleAfter) }
            try Self.handBack(abandoned.map(\.id), in: db)
            return abandoned.map(\.configHash)
        }
    }
}
