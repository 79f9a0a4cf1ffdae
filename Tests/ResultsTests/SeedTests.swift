import GRDB
import XCTest
@testable import Results

/// Seeds are `UInt64`, as training takes them, and the database's INTEGER
/// is signed: every seed up to `Int64.max` is kept exactly, larger ones are
/// refused on the way in, and a negative one written by another program is
/// refused on the way out.
final class SeedTests: XCTestCase {
    private var store: SQLiteResultsStore!

    override func setUpWithError() throws {
        store = try SQLiteResultsStore(path: try makeTemporaryDirectory(for: self) + "/results.sqlite")
    }

    func testTheLargestSeedTheDatabaseHoldsRoundTrips() throws {
        _ = try store.register(makeExperiment("sweep"), runs: [makeRun("h1", seed: 9_223_372_036_854_775_807)])
        XCTAssertEqual(try store.query("SELECT seed, typeof(seed) FROM runs").rows, [["9223372036854775807", "integer"]])
        XCTAssertEqual(try store.run(configHash: "h1")?.record.seed, 9_223_372_036_854_775_807)
    }

    func testALargerSeedIsRefusedBeforeAnythingIsWritten() throws {
        let runs = [makeRun("h1"), makeRun("h2", seed: 9_223_372_036_854_775_808)]
        XCTAssertThrowsError(try store.register(makeExperiment("sweep"), runs: runs)) { error in
            XCTAssertEqual(error as? ResultsError, ResultsError(
                path: store.path,
                message: "run h2: seed 9223372036854775808 is larger than 9223372036854775807, the largest seed the database holds",
                kind: .input))
        }
        XCTAssertEqual(try store.overview(), [])
        XCTAssertEqual(try store.query("SELECT count(*) FROM runs").rows, [["0"]])
    }

    func testANegativeSeedInTheDatabaseIsAnErrorNamingTheRun() throws {
        _ = try store.register(makeExperiment("sweep"), runs: [makeRun("h1")])
        try DatabaseQueue(path: store.path).write { db in
            try db.execute(sql: "UPDATE runs SET seed = -1")
        }
        XCTAssertThrowsError(try store.run(configHash: "h1")) { error in
            XCTAssertEqual(error as? ResultsError, ResultsError(
                path: store.path, message: "run h1 has seed -1, not an integer from 0 to 9223372036854775807"))
        }
    }
}
