/// A run marked `running`, with what tells whether the process that
/// claimed it still trains it.
public struct RunningRun: Sendable, Equatable {
    public var id: Int64
    public var configHash: String
    /// The host and pid of the process that claimed it.
    public var host: String?
    public var ownerPID: Int32?
    /// Seconds since its last heartbeat (at the claim and after every
    /// epoch); nil when it has none.
    public var secondsSinceHeartbeat: Double?
    /// The experiments that list it, by name.
    public var experiments: [String]

    public init(
        id: Int64, configHash: String, host: String?, ownerPID: Int32?, secondsSinceHeartbeat: Double?,
        experiments: [String]
    ) {
        self.id = id
        self.configHash = configHash
        self.host = host
        self.ownerPID = ownerPID
        self.secondsSinceHeartbeat = secondsSinceHeartbeat
        self.experiments = experiments
    }

    /// Whether the process that claimed it is gone: on `host`, its pid is
    /// not `isAlive`; on any host, its heartbeat is older than `staleAfter`
    /// seconds (or missing). A sweep hands such runs back; a reader calls
    /// them stale.
    public func isAbandoned(host: String, isAlive: (Int32) -> Bool, staleAfter: Double) -> Bool {
        let ownerGone = self.host == host && ownerPID.map { !isAlive($0) } ?? true
        let heartbeatStale = secondsSinceHeartbeat.map { $0 > staleAfter } ?? true
        return ownerGone || heartbeatStale
    }
}
