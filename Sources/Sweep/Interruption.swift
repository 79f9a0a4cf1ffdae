import Datasets
import Foundation

/// Turns SIGINT and SIGTERM into a request to stop between epochs.
///
/// The first signal sets `requested`; workers finish the epoch in flight,
/// start nothing new, and the sweep hands its unfinished runs back to the
/// database. A second signal runs `onSecondSignal` (which must leave the
/// database consistent) and exits at once.
///
/// ```swift
/// let interruption = Interruption(onFirstSignal: { print("stopping") },
///                                 onSecondSignal: { code in exit(code) })
/// ```
public final class Interruption: @unchecked Sendable {
    private let signalNumber = Locked<Int32?>(nil)
    private var sources: [DispatchSourceSignal] = []
    private let queue = DispatchQueue(label: "sweep.signals")
    private let onFirstSignal: @Sendable () -> Void
    private let onSecondSignal: @Sendable (Int32) -> Never

    public var requested: Bool { signalNumber.withLock { $0 != nil } }
    /// 130 after SIGINT, 143 after SIGTERM, as shells report them.
    public var exitCode: Int32 { 128 + (signalNumber.withLock { $0 } ?? 0) }

    /// Takes over `signals` (SIGINT and SIGTERM; none lets only `receive` ask).
    public init(
        signals: [Int32] = [SIGINT, SIGTERM], onFirstSignal: @escaping @Sendable () -> Void,
        onSecondSignal: @escaping @Sendable (Int32) -> Never
    ) {
        self.onFirstSignal = onFirstSignal
        self.onSecondSignal = onSecondSignal
        for number in signals {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler { [weak self] in self?.receive(number) }
            source.resume()
            sources.append(source)
        }
    }

    /// What a signal does: the first asks to stop, the second stops at once.
    public func receive(_ number: Int32) {
        let first = signalNumber.withLock { received -> Bool in
            defer { if received == nil { received = number } }
            return received == nil
        }
        if first { onFirstSignal() } else { onSecondSignal(128 + number) }
    }

    deinit {
        for source in sources { source.cancel() }
    }
}
