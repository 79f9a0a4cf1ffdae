import Foundation

/// Answers kept until the database changes: every value is stored with the
/// results' change counter (`PRAGMA data_version`) it was computed at, and
/// all are dropped when the counter moves. An experiment's page asks for
/// its table and then its chart, which share their configurations; polls
/// and many readers ask the same questions between two commits.
final class ChangeCache: @unchecked Sendable {
    private var counter: Int64?
    private var values: [String: Any] = [:]
    private let lock = NSLock()
    /// Enough for every view of a few experiments; a full cache is emptied.
    private let capacity: Int

    init(capacity: Int = 64) {
        self.capacity = capacity
    }

    /// The value kept for `key` at `counter`, or `make`'s, kept. `make` runs
    /// outside the lock: two requests may both compute a missing value.
    func value<Value>(_ key: String, at counter: Int64, make: () throws -> Value) rethrows -> Value {
        let kept: Value? = lock.withLock {
            if self.counter != counter {
                self.counter = counter
                values.removeAll()
            }
            return values[key] as? Value
        }
        if let kept { return kept }
        let value = try make()
        lock.withLock {
            guard self.counter == counter else { return }
            if values.count >= capacity { values.removeAll() }
            values[key] = value
        }
        return value
    }
}
