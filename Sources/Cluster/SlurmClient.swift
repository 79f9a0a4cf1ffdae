/// What submitting and watching a sweep ask of Slurm. ``SlurmTools`` asks a real cluster;
/// a stand-in lets the submission and status logic run without one.
///
/// Every failure is a ``ClusterError`` of kind ``ClusterError/Kind/slurm``,
/// in Slurm's own words.
public protocol SlurmClient {
    /// Submits a batch script; returns the job id.
    func submit(script: String) throws(ClusterError) -> String

    func cancel(jobID: String) throws(ClusterError)

    /// squeue's rows for these jobs (`%i|%j|%T|%M|%r`: job or `JOB_TASK`,
    /// name, state, time, reason), finished jobs included while the
    /// controller still remembers them; none when it has forgotten them all.
    func queue(jobIDs: [String]) throws(ClusterError) -> [[String]]

    /// sacct's rows for these jobs (JobID, JobName, State, Elapsed,
    /// ExitCode), from the cluster's accounting where it keeps one.
    func accounting(jobIDs: [String]) throws(ClusterError) -> [[String]]
}
