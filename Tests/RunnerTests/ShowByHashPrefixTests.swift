import Foundation
import XCTest

/// `runner show` takes the config_hash prefixes that the dry run and
/// `runner list NAME` print, as well as run ids.
final class ShowByHashPrefixTests: XCTestCase {
    func testAUniquePrefixShowsItsRun() throws {
        let sweep = SmokeSweep(in: try makeTemporaryDirectory())
        try sweep.runToCompletion(["--quiet"])
        let hash = try XCTUnwrap(SQLiteShell.query(sweep.db, "SELECT config_hash FROM runs WHERE id = 2").rows.first?.first)

        for reference in [String(hash.prefix(12)), hash.prefix(12).uppercased(), hash] {
            let output = try RunnerProcess.run(["show", reference, "--db", sweep.db])
            XCTAssertEqual(output.status, 0, output.transcript)
            XCTAssertEqual(Array(output.stdoutLines.prefix(2)), ["run 2 of experiment smoke", "config_hash     \(hash)"])
        }
    }

    func testAnAmbiguousOrUnknownPrefixNamesTheCandidates() throws {
        let sweep = SmokeSweep(in: try makeTemporaryDirectory())
        try sweep.runToCompletion(["--quiet"])
        try SQLiteShell.execute(sweep.db, "UPDATE runs SET config_hash = 'abcd' || substr(config_hash, 5) WHERE id IN (1, 3)")
        let hashes = try SQLiteShell.query(sweep.db, "SELECT config_hash FROM runs ORDER BY id").rows.map { $0[0] }

        let ambiguous = try RunnerProcess.run(["show", "abcd", "--db", sweep.db])
        XCTAssertEqual(ambiguous.status, 2, ambiguous.transcript)
        XCTAssertEqual(ambiguous.stdout, "")
        let candidates = [(1, hashes[0]), (3, hashes[2])].sorted { $0.1 < $1.1 }
            .map { "run \($0.0) (\($0.1.prefix(12)))" }.joined(separator: ", ")
        XCTAssertEqual(ambiguous.stderrLines, [
            "runner: error: \(sweep.db): config_hash prefix abcd is ambiguous: 2 runs match: \(candidates); give more digits",
        ])

        let unique = try RunnerProcess.run(["show", String(hashes[2].prefix(12)), "--db", sweep.db])
        XCTAssertEqual(unique.stdoutLines.first, "run 3 of experiment smoke", unique.transcript)

        let unknown = try RunnerProcess.run(["show", "abcdabcd", "--db", sweep.db])
        XCTAssertEqual(unknown.status, 2, unknown.transcript)
        XCTAssertEqual(unknown.stderrLines, ["runner: error: \(sweep.db): no run has a config_hash starting with abcdabcd"])

        let neither = try RunnerProcess.run(["show", "eta-3", "--db", sweep.db])
        XCTAssertEqual(neither.status, 2, neither.transcript)
        XCTAssertEqual(neither.stderrLines, [
            "runner: error: \(sweep.db): 'eta-3' is neither a run id nor a config_hash prefix (hex digits)",
        ])
    }
}
