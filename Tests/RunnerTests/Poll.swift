import Foundation
import XCTest

/// A test helper's failure, thrown: a poll whose awaited state can no
/// longer come, a malformed fixture.
struct PollFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// How long a poll waits for a state before failing the test: far beyond
/// what any state here takes on a loaded 2-core machine, so reaching it
/// means something is stuck, not slow.
let pollTimeout: TimeInterval = 120

/// Checks `condition` every few milliseconds until it holds; throws when it
/// has not held within `pollTimeout`. The interval only paces the checks:
/// every wait ends on an observed state, never on elapsed time.
func poll(
    _ what: String, file: StaticString = #filePath, line: UInt = #line, _ condition: () throws -> Bool
) throws {
    let deadline = Date().addingTimeInterval(pollTimeout)
    while try !condition() {
        guard Date() < deadline else {
            XCTFail("gave up waiting for \(what) after \(Int(pollTimeout)) s", file: file, line: line)
            throw PollFailure("gave up waiting for \(what)")
        }
        usleep(5_000)
    }
}
