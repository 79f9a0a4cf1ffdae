/// Who is training a run, recorded on the run when it is claimed.
public struct Provenance: Sendable, Equatable {
    public var runnerVersion: String
    public var gitCommit: String?
    /// The kernel variant that trains: `avx512`, `avx2` or `portable`.
    public var kernels: String
    public var host: String
    public var pid: Int32

    public init(runnerVersion: String, gitCommit: String?, kernels: String, host: String, pid: Int32) {
        self.runnerVersion = runnerVersion
        self.gitCommit = gitCommit
        self.kernels = kernels
        self.host = host
        self.pid = pid
    }
}
