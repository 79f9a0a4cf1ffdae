import Foundation

/// A value shared between threads, guarded by a lock: the one lock wrapper
/// of the project (datasets loading in parallel, sweep workers, progress).
///
/// `Synchronization.Mutex` would do, but it needs macOS 15 where this
/// package still builds for macOS 13, and it cannot be shared by reference.
///
/// ```swift
/// let next = Locked(0)
/// let mine = next.withLock { index in defer { index += 1 }; return index }
/// ```
public final class Locked<Value>: @unchecked Sendable {
    private var value: Value
    private let lock = NSLock()

    public init(_ value: Value) { self.value = value }

    public func withLock<R>(_ body: (inout Value) throws -> R) rethrows -> R {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
