/// A failure of submitting to Slurm or asking it, as data: Slurm's own words when Slurm
/// refused or could not be asked, or what was wrong with the request or
/// with the files kept under `results/slurm/NAME`.
///
/// ```text
/// sbatch: Batch job submission failed: Invalid partition name specified
/// --only 4: the array has tasks 0 to 3 (--tasks 4)
/// ```
public struct ClusterError: Error, CustomStringConvertible, Sendable, Equatable {
    /// Whose problem it is, for the caller's exit code.
    public enum Kind: Sendable, Equatable {
        /// The request does not fit the experiment or its earlier
        /// submissions, or a record under `results/slurm` is not runner's.
        case input
        /// A Slurm command is missing, refused or failed.
        case slurm
        /// A file of the submission could not be read or written: the
        /// records under `results/slurm`, the path of the runner executable.
        case files
    }

    public var kind: Kind
    /// One line; for ``Kind/slurm`` it starts with the command's name.
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }
}
