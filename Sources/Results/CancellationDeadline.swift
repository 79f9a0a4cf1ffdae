import Foundation
import GRDB
import GRDBSQLite

/// Cancels a connection's statements once a deadline passes, through
/// SQLite's progress handler: SQLite calls it every few thousand virtual
/// machine instructions, so even a query that never returns a row (a
/// recursive CTE without end, a cross join of large tables) is stopped, and
/// the statement fails with `SQLITE_INTERRUPT`.
enum CancellationDeadline {
    /// Runs `body` with the deadline `seconds` from now; without seconds, as it is.
    static func run<T>(on db: Database, after seconds: Double?, _ body: () throws -> T) throws -> T {
        guard let seconds, let connection = db.sqliteConnection else { return try body() }
        let deadline = Box(DispatchTime.now().uptimeNanoseconds + UInt64(max(0, seconds) * 1e9))
        let context = Unmanaged.passRetained(deadline)
        defer {
            sqlite3_progress_handler(connection, 0, nil, nil)
            context.release()
        }
        sqlite3_progress_handler(connection, instructionsBetweenChecks, { pointer in
            guard let pointer else { return 0 }
            let deadline = Unmanaged<Box>.fromOpaque(pointer).takeUnretainedValue()
            return DispatchTime.now().uptimeNanoseconds > deadline.nanoseconds ? 1 : 0
        }, context.toOpaque())
        return try body()
    }

    /// About a tenth of a millisecond of work between two looks at the clock.
    static let instructionsBetweenChecks: Int32 = 10_000

    private final class Box {
        let nanoseconds: UInt64
        init(_ nanoseconds: UInt64) { self.nanoseconds = nanoseconds }
    }
}
