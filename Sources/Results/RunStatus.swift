/// A run's life cycle: `pending` → `running` → `done` | `failed` | `diverged`,
/// and `pending` → `pruned` when early stopping stops it between rungs.
/// A `pruned` run is final unless a later decision promotes it, which puts
/// it back to `pending` with its epochs and checkpoint.
public enum RunStatus: String, Sendable, CaseIterable {
    case pending, running, done, failed, diverged, pruned
}
