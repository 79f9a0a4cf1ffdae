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
            var reclaimed: [(id: Int64, configHash: String)] = []
            for row in running {
                let ownerHost: String? = row["host"]
                let ownerPID: Int32? = row["owner_pid"]
                let silence: Double? = row["silence"]
                let ownerGone = ownerHost == host && ownerPID.map { !isAlive($0) } ?? true
                let heartbeatStale = silence.map { $0 > staleAfter } ?? true
                if ownerGone || heartbeatStale { reclaimed.append((row["id"], row["config_hash"])) }
            }
            try Self.handBack(reclaimed.map(\.id), in: db)
            return reclaimed.map(\.configHash)
        }
    }
}
