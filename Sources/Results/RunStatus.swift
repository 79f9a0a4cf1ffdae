/// A run's life cycle: `pending` → `running` → `done` | `failed` | `diverged`.
public enum RunStatus: String, Sendable, CaseIterable {
    case pending, running, done, failed, diverged
}
