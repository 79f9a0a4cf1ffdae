import Foundation

/// A value shared between sweep workers, guarded by a lock.
///
/// `Synchronization.Mutex` would do, but it needs macOS 15 where this
/// package still builds for macOS 13.
final class Locked<Value>: @unchecked Sendable {
    private var value: Value
    private let lock = NSLock()

    init(_ value: Value) { self.value = value }

    func withLock<R>(_ body: (inout Value) throws -> R) rethrows -> R {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
