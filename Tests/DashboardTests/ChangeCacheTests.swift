import Foundation
import XCTest
@testable import Dashboard

/// Answers kept between two commits, computed once however many ask.
final class ChangeCacheTests: XCTestCase {
    private struct Failure: Error {}

    func testAValueIsKeptUntilTheCounterGrows() throws {
        let cache = ChangeCache()
        var made = 0
        func ask(_ counter: Int64) throws -> Int {
            try cache.value("k", at: counter) { made += 1; return made }
        }
        XCTAssertEqual(try ask(1), 1)
        XCTAssertEqual(try ask(1), 1)
        XCTAssertEqual(try ask(2), 2, "a commit drops it")
        XCTAssertEqual(try ask(1), 3, "an asker overtaken by a commit is answered afresh")
        XCTAssertEqual(try ask(2), 2, "and leaves the newer value kept")
    }

    func testAFailureIsNotKept() throws {
        let cache = ChangeCache()
        XCTAssertThrowsError(try cache.value("k", at: 1) { () throws -> Int in throw Failure() }) { error in
            XCTAssertTrue(error is Failure)
        }
        XCTAssertEqual(try cache.value("k", at: 1) { 7 }, 7)
    }

    func testManyAskingAtOnceComputeItOnce() throws {
        let cache = ChangeCache()
        final class Tally: @unchecked Sendable {
            let lock = NSLock()
            var computations = 0
            var answers = [Int](repeating: 0, count: 16)
        }
        let tally = Tally()
        DispatchQueue.concurrentPerform(iterations: 16) { index in
            let answer = try? cache.value("k", at: 5) { () -> Int in
                tally.lock.withLock { tally.computations += 1 }
                Thread.sleep(forTimeInterval: 0.05)
                return 42
            }
            tally.lock.withLock { tally.answers[index] = answer ?? -1 }
        }
        XCTAssertEqual(tally.computations, 1)
        XCTAssertEqual(tally.answers, [Int](repeating: 42, count: 16))
    }

    func testAFullCacheIsEmptied() throws {
        let cache = ChangeCache(capacity: 2)
        var made = 0
        for key in ["a", "b", "c"] { _ = try cache.value(key, at: 1) { made += 1; return made } }
        XCTAssertEqual(try cache.value("c", at: 1) { -1 }, 3, "the newest is kept")
        XCTAssertEqual(try cache.value("a", at: 1) { -1 }, -1, "the older ones went")
    }
}
