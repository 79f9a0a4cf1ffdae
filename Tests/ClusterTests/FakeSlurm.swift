import Cluster

/// A stand-in for Slurm that answers from scripted replies and notes every
/// request, in order.
final class FakeSlurm: SlurmClient {
    /// The replies to `submit`, one per call, in order.
    var submissions: [Result<String, ClusterError>]
    var cancellation: Result<Void, ClusterError> = .success(())
    var queue: Result<[[String]], ClusterError> = .success([])
    var accounting: Result<[[String]], ClusterError> = .success([])

    /// `submit`, `cancel 12`, `queue 12,13`, `accounting 12`.
    private(set) var requests: [String] = []
    private(set) var submittedScripts: [String] = []

    init(submissions: [Result<String, ClusterError>] = []) {
        self.submissions = submissions
    }

    func submit(script: String) throws(ClusterError) -> String {
        requests.append("submit")
        submittedScripts.append(script)
        return try submissions.removeFirst().get()
    }

    func cancel(jobID: String) throws(ClusterError) {
        requests.append("cancel \(jobID)")
        try cancellation.get()
    }

    func queue(jobIDs: [String]) throws(ClusterError) -> [[String]] {
        requests.append("queue \(jobIDs.joined(separator: ","))")
        return try queue.get()
    }

    func accounting(jobIDs: [String]) throws(ClusterError) -> [[String]] {
        requests.append("accounting \(jobIDs.joined(separator: ","))")
        return try accounting.get()
    }
}
