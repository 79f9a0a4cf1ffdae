import Foundation

/// Answers kept until the database changes: every value is stored with the
/// results' change counter (`PRAGMA data_version`) it was computed at, and
/// all are dropped when the counter moves. An experiment's page asks for
/// its table and then its chart, which share their configurations; polls
/// and many readers ask the same questions between two commits.
///
/// A value is computed once however many ask for it at the same moment:
/// the others wait for it, so that 200 readers of a large experiment cost
/// one answer's time and memory, not 200.
final class ChangeCache: @unchecked Sendable {
    private var counter: Int64?
    private var values: [String: Any] = [:]
    /// Keys being computed, at the current counter.
    private var computing: Set<String> = []
    private let condition = NSCondition()
    /// Enough for every view of a few experiments; a full cache is emptied.
    private let capacity: Int

    init(capacity: Int = 64) {
        self.capacity = capacity
    }

    /// The value kept for `key` at `counter`, or `make`'s, kept. `make` runs
    /// outside the lock; a failure is not kept, and the next asker tries
    /// again. The counter only grows (one connection's `data_version`): an
    /// asker with an older one, overtaken by a commit, is answered uncached.
    func value<Value>(_ key: String, at counter: Int64, make: () throws -> Value) throws -> Value {
        condition.lock()
        while true {
            if self.counter.map({ counter > $0 }) ?? true {
                self.counter = counter
                values.removeAll()
                computing.removeAll()
            }
            if counter < self.counter! {
                condition.unlock()
                return try make()
            }
            if let kept = values[key] as? Value {
                condition.unlock()
                return kept
            }
            guard computing.contains(key) else { break }
            condition.wait()
        }
        computing.insert(key)
        condition.unlock()

        let outcome = Result { try make() }
        condition.lock()
        if self.counter == counter {
            computing.remove(key)
            if case .success(let value) = outcome {
                if values.count >= capacity { values.removeAll() }
                values[key] = value
            }
        }
        condition.broadcast()
        condition.unlock()
        return try outcome.get()
    }
}
