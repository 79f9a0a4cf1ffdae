import Foundation
import XCTest
@testable import Results

/// A name stands for one spec: another spec under it is refused unless
/// replaced, and every version registered is kept in `experiment_versions`.
final class SpecVersionTests: XCTestCase {
    private var path: String!
    private var store: SQLiteResultsStore!

    override func setUpWithError() throws {
        path = try makeTemporaryDirectory(for: self) + "/results.sqlite"
        store = try SQLiteResultsStore(path: path)
    }

    private func spec(_ text: String, path source: String? = "experiments/sweep.yaml") -> ExperimentRecord {
        ExperimentRecord(
            name: "sweep", description: "about \(text)", specYAML: "name: sweep\n\(text)\n", specSHA256: "sha-\(text)",
            sourcePath: source)
    }

    private func versions() throws -> [[String?]] {
        try store.query("""
            SELECT v.id, e.name, v.spec_yaml, v.spec_sha256, v.source_path, v.registered_at IS NOT NULL
            FROM experiment_versions v JOIN experiments e ON e.id = v.experiment_id ORDER BY v.id
            """).rows
    }

    func testTheFirstRegistrationIsAVersionAndTheSameSpecAgainAddsNone() throws {
        _ = try store.register(spec("a"), runs: [makeRun("h1")])
        _ = try store.register(spec("a", path: "elsewhere/sweep.yaml"), runs: [makeRun("h1"), makeRun("h2")])

        XCTAssertEqual(try versions(), [["1", "sweep", "name: sweep\na\n", "sha-a", "experiments/sweep.yaml", "1"]])
        XCTAssertEqual(try store.query("SELECT count(*) FROM experiment_runs").rows, [["2"]])
    }

    /// Refused inside the transaction, before anything is written: the
    /// experiment, its runs and its links stay as they were.
    func testAnotherSpecUnderTheNameIsRefusedWithTheRegisteredVersion() throws {
        _ = try store.register(spec("a"), runs: [makeRun("h1"), makeRun("h2")])
        let registeredAt = try XCTUnwrap(try store.query("SELECT registered_at FROM experiment_versions").rows[0][0])
        let before = try store.query("SELECT * FROM experiments").rows + store.query("SELECT * FROM experiment_runs").rows

        XCTAssertThrowsError(try store.register(spec("b", path: "mine.yaml"), runs: [makeRun("h3")])) { error in
            XCTAssertEqual(error as? ExperimentSpecConflict, ExperimentSpecConflict(
                store: path, experiment: spec("b", path: "mine.yaml"),
                registered: ExperimentVersion(
                    specYAML: "name: sweep\na\n", specSHA256: "sha-a", registeredAt: registeredAt,
                    sourcePath: "experiments/sweep.yaml")))
        }
        XCTAssertEqual(try store.query("SELECT * FROM experiments").rows + store.query("SELECT * FROM experiment_runs").rows, before)
        XCTAssertEqual(try store.query("SELECT config_hash FROM runs ORDER BY id").rows, [["h1"], ["h2"]])
        XCTAssertEqual(try versions().count, 1)
    }

    /// Replaced, the spec and description are the new ones, the first
    /// registration's time stays, both versions are kept, and the runs the
    /// new spec no longer lists are unlinked but kept.
    func testReplacingKeepsBothVersionsAndUnlinksTheRunsDropped() throws {
        _ = try store.register(spec("a"), runs: [makeRun("h1"), makeRun("h2")])
        let created = try store.query("SELECT created_at FROM experiments").rows

        let statuses = try store.register(spec("b", path: "mine.yaml"), runs: [makeRun("h2")], replacingSpec: true)

        XCTAssertEqual(statuses, ["h2": .pending])
        XCTAssertEqual(try store.query("SELECT name, description, spec_yaml, spec_sha256 FROM experiments").rows,
                       [["sweep", "about b", "name: sweep\nb\n", "sha-b"]])
        XCTAssertEqual(try store.query("SELECT created_at FROM experiments").rows, created)
        XCTAssertEqual(try versions(), [
            ["1", "sweep", "name: sweep\na\n", "sha-a", "experiments/sweep.yaml", "1"],
            ["2", "sweep", "name: sweep\nb\n", "sha-b", "mine.yaml", "1"],
        ])
        XCTAssertEqual(try store.query("SELECT config_hash FROM run_summary").rows, [["h2"]])
        XCTAssertEqual(try store.query("""
            SELECT config_hash FROM runs WHERE id NOT IN (SELECT run_id FROM experiment_runs)
            """).rows, [["h1"]])

        // The first spec again is a third version; the same spec again none.
        _ = try store.register(spec("a"), runs: [makeRun("h1")], replacingSpec: true)
        _ = try store.register(spec("a"), runs: [makeRun("h1")])
        XCTAssertEqual(try versions().map { $0[3] }, ["sha-a", "sha-b", "sha-a"])
    }

    /// The check a sweep makes before it opens the file to write: through a
    /// read-only connection, leaving the file's bytes as they were.
    func testCheckingARegistrationReadsWithoutWriting() throws {
        _ = try store.register(spec("a"), runs: [makeRun("h1")])
        try store.close()
        let before = try Data(contentsOf: URL(fileURLWithPath: path))

        XCTAssertNoThrow(try SQLiteResultsStore.checkRegistration(spec("a"), at: path))
        XCTAssertNoThrow(try SQLiteResultsStore.checkRegistration(makeExperiment("new"), at: path))
        XCTAssertNoThrow(try SQLiteResultsStore.checkRegistration(spec("b"), at: path + "-absent"))
        XCTAssertThrowsError(try SQLiteResultsStore.checkRegistration(spec("b"), at: path)) { error in
            XCTAssertEqual((error as? ExperimentSpecConflict)?.registered.specSHA256, "sha-a")
        }
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: path)), before)
    }

    /// Migration v4 on a file of schema v3: one version per experiment, its
    /// current spec, registered when the experiment was first, from a file
    /// not known; the spec stays protected.
    func testAVersion3DatabaseGetsOneVersionPerExperiment() throws {
        let old = try makeTemporaryDirectory(for: self) + "/v3.sqlite"
        try makeVersion3Database(at: old)
        let store = try SQLiteResultsStore(path: old)

        XCTAssertEqual(try store.query("SELECT identifier FROM grdb_migrations ORDER BY identifier").rows,
                       [["v1"], ["v2"], ["v3"], ["v4"], ["v5"], ["v6"], ["v7"]])
        XCTAssertEqual(try store.query("""
            SELECT id, experiment_id, spec_yaml, spec_sha256, registered_at, source_path FROM experiment_versions ORDER BY id
            """).rows, [
            ["1", "1", "name: sweep", "sha-sweep", "2026-02-01T12:00:00.000Z", nil],
            ["2", "2", "name: other", "sha-other", "2026-02-02T12:00:00.000Z", nil],
        ])
        XCTAssertEqual(try store.query("SELECT name, spec_yaml FROM experiments ORDER BY id").rows,
                       [["sweep", "name: sweep"], ["other", "name: other"]])

        _ = try store.register(
            ExperimentRecord(name: "sweep", description: "a sweep", specYAML: "name: sweep", specSHA256: "sha-sweep"),
            runs: [makeRun("h1")])
        XCTAssertThrowsError(try store.register(spec("changed"), runs: [makeRun("h1")])) { error in
            XCTAssertEqual((error as? ExperimentSpecConflict)?.registered, ExperimentVersion(
                specYAML: "name: sweep", specSHA256: "sha-sweep", registeredAt: "2026-02-01T12:00:00.000Z",
                sourcePath: nil))
        }
        XCTAssertEqual(try store.query("SELECT count(*) FROM experiment_versions").rows, [["2"]])
    }

    /// A merge brings the versions of the experiments it copies; one the
    /// target has keeps its own.
    func testMergingCopiesTheVersionsOfNewExperimentsOnly() throws {
        let directory = try makeTemporaryDirectory(for: self)
        let shard = try SQLiteResultsStore(path: directory + "/shard.sqlite")
        _ = try shard.register(spec("a"), runs: [makeRun("h1")])
        _ = try shard.register(spec("b"), runs: [makeRun("h1")], replacingSpec: true)
        _ = try shard.register(makeExperiment("other"), runs: [makeRun("h2")])
        try complete("h1", in: shard, accuracies: [0.5])
        try complete("h2", in: shard, accuracies: [0.5])
        try shard.close()
        _ = try store.register(makeExperiment("other", description: "mine"), runs: [])

        _ = try store.merge(shard: directory + "/shard.sqlite", includeUnfinished: false)

        XCTAssertEqual(try versions().map { [$0[1], $0[3]] }, [["other", "sha-other"], ["sweep", "sha-a"], ["sweep", "sha-b"]])
        XCTAssertEqual(try store.query("SELECT name, spec_sha256 FROM experiments ORDER BY name").rows,
                       [["other", "sha-other"], ["sweep", "sha-b"]])
    }
}
