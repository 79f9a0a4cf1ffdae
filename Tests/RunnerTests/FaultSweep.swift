import Foundation
import XCTest

/// A sweep made to be interrupted: four runs (2 learning rates × 2 seeds) of
/// 6 epochs on 10,000 images, so a run lasts long enough in a debug build to
/// be caught mid-way, written into a directory of its own with its
/// database and exports.
///
/// Training is deterministic, so however a sweep of it is interrupted and
/// resumed, its numbers must equal those of one uninterrupted sweep
/// (``reference``).
struct FaultSweep {
    static let epochs = 6
    static let runCount = 4
    static let yaml = """
        name: fault
        description: Runs long enough to be interrupted mid-way
        dataset: mnist
        train_limit: 50000
        test_limit: 500
        layers: [784, 30, 10]
        epochs: \(epochs)
        batch: 10
        seeds: [1, 2]
        grid:
          eta: [1.0, 3.0]

        """

    let directory: URL
    var file: String { directory.appendingPathComponent("fault.yaml").path }
    var db: String { directory.appendingPathComponent("results.sqlite").path }
    var out: String { directory.appendingPathComponent("out").path }

    init(in directory: URL) throws {
        self.directory = directory
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try Self.yaml.write(toFile: file, atomically: false, encoding: .utf8)
    }

    func arguments(_ flags: [String] = []) -> [String] {
        ["sweep", file, "--db", db, "--out", out] + flags
    }

    /// What an interrupted sweep started with `flags` tells the user to
    /// run: the same command, `--out` and every other flag kept.
    func resumeHint(_ flags: [String]) -> String {
        "Resume with: " + (["runner"] + arguments(flags)).joined(separator: " ")
    }

    func run(_ flags: [String] = []) throws -> ProcessOutput {
        try RunnerProcess.run(arguments(flags))
    }

    /// Starts the sweep in the background, killed by `testCase`'s teardown
    /// if the test ends first.
    func start(_ flags: [String] = [], in testCase: XCTestCase) throws -> RunnerChild {
        try testCase.startRunner(arguments(flags))
    }

    // MARK: - Watching a sweep

    /// One run as committed: its status and how many epochs it has.
    struct RunState: Equatable {
        let configHash: String
        let status: String
        let epochs: Int
    }

    /// The runs as committed, in plan order; empty before the sweep registered them.
    static func state(in session: SQLiteSession) throws -> [RunState] {
        let rows: [[String]]
        do {
            rows = try session.rows("""
                SELECT r.config_hash, r.status, (SELECT count(*) FROM epochs e WHERE e.run_id = r.id)
                FROM runs r ORDER BY r.id
                """)
        } catch let failure as PollFailure where failure.description.contains("no such table") {
            // The tables do not exist until the sweep has migrated the file.
            return []
        }
        return rows.compactMap { row in
            guard row.count == 3, let epochs = Int(row[2]) else { return nil }
            return RunState(configHash: row[0], status: row[1], epochs: epochs)
        }
    }

    /// Opens a session on the database once the sweep has created it.
    func session(watching child: RunnerChild, file: StaticString = #filePath, line: UInt = #line) throws -> SQLiteSession {
        try poll("\(db) to be created", file: file, line: line) {
            guard child.isRunning else { throw PollFailure("the sweep exited before creating its database:\n\(child.stderr)") }
            return FileManager.default.fileExists(atPath: db)
        }
        return try SQLiteSession(db, file: file, line: line)
    }

    /// Waits until the committed runs satisfy `condition`, then returns with
    /// the session holding the write lock, so the sweep cannot commit past
    /// that state: each candidate state is read again under the lock, and
    /// the lock is let go to wait on when it no longer holds.
    @discardableResult
    func freeze(
        _ child: RunnerChild, _ session: SQLiteSession, when description: String,
        file: StaticString = #filePath, line: UInt = #line, _ condition: ([RunState]) -> Bool
    ) throws -> [RunState] {
        var frozen: [RunState] = []
        try poll(description, file: file, line: line) {
            guard child.isRunning else {
                throw PollFailure("the sweep exited before \(description); runs: \((try? Self.state(in: session)) ?? []); stderr:\n\(child.stderr)")
            }
            guard condition(try Self.state(in: session)) else { return false }
            try session.lockWrites()
            frozen = try Self.state(in: session)
            if condition(frozen) { return true }
            try session.unlockWrites()
            return false
        }
        return frozen
    }

    // MARK: - Checking the database

    /// `PRAGMA integrity_check`, which prints `ok` for a sound file.
    func integrity(file: StaticString = #filePath, line: UInt = #line) throws -> [[String]] {
        try SQLiteShell.query(db, "PRAGMA integrity_check", file: file, line: line).rows
    }

    /// Every run's status and epochs: (config hash, status, epoch count, first epoch, last epoch).
    func epochRanges(file: StaticString = #filePath, line: UInt = #line) throws -> [[String]] {
        try SQLiteShell.query(db, """
            SELECT r.config_hash, r.status, count(e.epoch) AS n, min(e.epoch) AS first, max(e.epoch) AS last
            FROM runs r LEFT JOIN epochs e ON e.run_id = r.id GROUP BY r.id ORDER BY r.config_hash
            """, file: file, line: line).rows
    }

    /// The rows of the runs that are done and of their epochs, every column,
    /// to check that resuming leaves them as they were.
    func doneRows(file: StaticString = #filePath, line: UInt = #line) throws -> [CSVTable] {
        [
            try SQLiteShell.query(db, "SELECT * FROM runs WHERE status = 'done' ORDER BY id", file: file, line: line),
            try SQLiteShell.query(db, """
                SELECT e.run_id, e.epoch, quote(e.train_cost) AS train_cost, quote(e.test_cost) AS test_cost,
                       quote(e.test_accuracy) AS test_accuracy, quote(e.seconds) AS seconds
                FROM epochs e JOIN runs r ON r.id = e.run_id WHERE r.status = 'done' ORDER BY e.run_id, e.epoch
                """, file: file, line: line),
        ]
    }

    /// What training produced, every digit, without wall-clock times:
    /// each epoch's costs, accuracies and η, and each run's outcome.
    func results(file: StaticString = #filePath, line: UInt = #line) throws -> [CSVTable] {
        try Self.results(of: db, file: file, line: line)
    }

    /// What training produced in the database at `db`, every digit, without
    /// wall-clock times: each epoch's numbers and each run's outcome.
    static func results(of db: String, file: StaticString = #filePath, line: UInt = #line) throws -> [CSVTable] {
        [
            try SQLiteShell.query(db, """
                SELECT r.config_hash, e.epoch, quote(e.train_cost) AS train_cost, quote(e.test_cost) AS test_cost,
                       quote(e.test_accuracy) AS test_accuracy, quote(e.eta) AS eta,
                       quote(e.validation_cost) AS validation_cost, quote(e.validation_accuracy) AS validation_accuracy
                FROM epochs e JOIN runs r ON r.id = e.run_id ORDER BY r.config_hash, e.epoch
                """, file: file, line: line),
            try SQLiteShell.query(db, """
                SELECT config_hash, status, error, stop_reason, quote(final_accuracy) AS final_accuracy,
                       quote(best_accuracy) AS best_accuracy, best_epoch, quote(final_train_cost) AS final_train_cost,
                       quote(best_validation_accuracy) AS best_validation_accuracy, best_validation_epoch,
                       quote(test_accuracy_at_best_validation) AS test_accuracy_at_best_validation
                FROM runs ORDER BY config_hash
                """, file: file, line: line),
        ]
    }

    /// `runner check` finds nothing wrong with the database at `db`: SQLite's
    /// integrity and foreign keys, and the runner's own rules between runs,
    /// epochs, checkpoints and decisions.
    static func assertCheckPasses(_ db: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let check = try RunnerProcess.run(["check", "--db", db])
        XCTAssertEqual(check.status, 0, check.transcript, file: file, line: line)
        XCTAssertTrue(check.stdout.hasPrefix("\(db): ok, "), check.transcript, file: file, line: line)
    }

    /// The state every finished sweep must leave: a sound file, every run
    /// of the grid done once with epochs 1…6, and the numbers of an
    /// uninterrupted sweep.
    func assertCompleteAndEqualToReference(file: StaticString = #filePath, line: UInt = #line) throws {
        XCTAssertEqual(try integrity(file: file, line: line), [["ok"]], file: file, line: line)
        try Self.assertCheckPasses(db, file: file, line: line)
        let ranges = try epochRanges(file: file, line: line)
        XCTAssertEqual(ranges.count, Self.runCount, "\(ranges)", file: file, line: line)
        for range in ranges {
            XCTAssertEqual(Array(range.dropFirst()), ["done", "\(Self.epochs)", "1", "\(Self.epochs)"], "\(range)", file: file, line: line)
        }
        let reference = try Self.reference()
        let results = try results(file: file, line: line)
        XCTAssertEqual(results[0].rows.count, Self.runCount * Self.epochs, file: file, line: line)
        XCTAssertEqual(results, reference, "results differ from an uninterrupted sweep's", file: file, line: line)
    }

    /// The state an interrupted sweep must leave: a sound file, no run left
    /// running, done runs whole and without a checkpoint, every other run
    /// pending with no owner and with epochs 1…k and the checkpoint after
    /// epoch k (k may be 0: no epochs, no checkpoint).
    ///
    /// - Returns: k of each pending run, by config hash.
    @discardableResult
    func assertHandedBack(file: StaticString = #filePath, line: UInt = #line) throws -> [String: Int] {
        XCTAssertEqual(try integrity(file: file, line: line), [["ok"]], file: file, line: line)
        try Self.assertCheckPasses(db, file: file, line: line)
        let ranges = try epochRanges(file: file, line: line)
        XCTAssertEqual(ranges.count, Self.runCount, file: file, line: line)
        let checkpoints = try checkpoints(file: file, line: line)
        var kept: [String: Int] = [:]
        for range in ranges {
            let epochs = Int(range[2]) ?? -1
            switch range[1] {
            case "done":
                XCTAssertEqual(epochs, Self.epochs, "\(range)", file: file, line: line)
                XCTAssertNil(checkpoints[range[0]], "a done run kept its checkpoint: \(range)", file: file, line: line)
            case "pending":
                kept[range[0]] = epochs
                XCTAssertLessThan(epochs, Self.epochs, "\(range)", file: file, line: line)
                if epochs > 0 { XCTAssertEqual(Array(range[3...]), ["1", "\(epochs)"], "\(range)", file: file, line: line) }
                XCTAssertEqual(checkpoints[range[0]], epochs > 0 ? epochs : nil, "\(range)", file: file, line: line)
            default: XCTFail("run left \(range[1]): \(range)", file: file, line: line)
            }
        }
        let owners = try SQLiteShell.query(
            db, "SELECT count(*) FROM runs WHERE status = 'pending' AND (owner_pid IS NOT NULL OR host IS NOT NULL OR started_at IS NOT NULL)",
            file: file, line: line)
        XCTAssertEqual(owners.rows, [["0"]], "pending runs still name an owner", file: file, line: line)
        return kept
    }

    /// The epoch each run's checkpoint follows, by config hash.
    func checkpoints(file: StaticString = #filePath, line: UInt = #line) throws -> [String: Int] {
        let rows = try SQLiteShell.query(
            db, "SELECT r.config_hash, c.epoch FROM checkpoints c JOIN runs r ON r.id = c.run_id", file: file, line: line).rows
        return Dictionary(uniqueKeysWithValues: rows.compactMap { row in
            guard row.count == 2, let epoch = Int(row[1]) else { return nil }
            return (row[0], epoch)
        })
    }

    /// Epochs a sweep trained, from its closing line (`database writes: … for N epochs, …`); nil without one.
    static func trainedEpochs(_ output: ProcessOutput) -> Int? {
        output.stdoutLines.lazy.compactMap { line in
            line.firstMatch(of: #/^database writes: [\d.]+ ms for (\d+) epochs, /#).flatMap { Int($0.1) }
        }.first
    }

    /// The runs a sweep continued, as its progress says: `… continues after epoch k of 6`, k by line.
    static func continuedAfter(_ output: ProcessOutput) -> [Int] {
        output.stderrLines.compactMap { line in
            line.firstMatch(of: #/  continues after epoch (\d+) of \d+$/#).flatMap { Int($0.1) }
        }
    }

    /// Runs the same sweep again after an interruption that left each
    /// pending run with `kept` epochs, and checks that it continued each
    /// run after its kept epochs, trained exactly the epochs after them
    /// (and `fresh` runs from the start), and ended as an uninterrupted
    /// sweep; then that `runner verify` reproduces the continued runs.
    @discardableResult
    func assertResumes(kept: [String: Int], file: StaticString = #filePath, line: UInt = #line) throws -> ProcessOutput {
        let resumed = try run(["--jobs", "2"])
        XCTAssertEqual(resumed.status, 0, resumed.transcript, file: file, line: line)
        XCTAssertEqual(Self.trainedRuns(resumed).count, kept.count, resumed.transcript, file: file, line: line)
        XCTAssertEqual(Self.continuedAfter(resumed).sorted(), kept.values.filter { $0 > 0 }.sorted(), resumed.transcript, file: file, line: line)
        XCTAssertEqual(Self.trainedEpochs(resumed), kept.values.reduce(0) { $0 + Self.epochs - $1 }, resumed.transcript, file: file, line: line)
        XCTAssertEqual(try checkpoints(file: file, line: line), [:], "a finished run kept its checkpoint", file: file, line: line)
        try assertCompleteAndEqualToReference(file: file, line: line)

        let continued = kept.filter { $0.value > 0 }.keys.sorted()
        guard !continued.isEmpty else { return resumed }
        let ids = try SQLiteShell.query(db, """
            SELECT id FROM runs WHERE config_hash IN (\(continued.map { "'\($0)'" }.joined(separator: ", "))) ORDER BY id
            """, file: file, line: line).rows.map { $0[0] }
        let verify = try RunnerProcess.run(["verify"] + ids + ["--db", db])
        XCTAssertEqual(verify.status, 0, verify.transcript, file: file, line: line)
        XCTAssertEqual(verify.stdoutLines.last, "\(ids.count) run(s) reproduced bit for bit", verify.transcript, file: file, line: line)
        return resumed
    }

    /// The runs a sweep's progress lines report as trained to the end.
    static func trainedRuns(_ output: ProcessOutput) -> [String] {
        output.stderrLines.filter { $0.wholeMatch(of: #/\[\d+/\d+\] .+  done  best .*/#) != nil }
    }

    // MARK: - The uninterrupted sweep

    /// ``results()`` of one uninterrupted sweep, swept once per test process.
    static func reference(file: StaticString = #filePath, line: UInt = #line) throws -> [CSVTable] {
        try ReferenceResults.shared.get {
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("FaultSweep-reference-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: directory) }
            let sweep = try FaultSweep(in: directory)
            let output = try sweep.run(["--jobs", "2"])
            XCTAssertEqual(output.status, 0, output.transcript, file: file, line: line)
            return try sweep.results(file: file, line: line)
        }
    }
}

/// Computed once and shared by every test in the process.
private final class ReferenceResults: @unchecked Sendable {
    static let shared = ReferenceResults()
    private let lock = NSLock()
    private var value: [CSVTable]?

    func get(_ compute: () throws -> [CSVTable]) throws -> [CSVTable] {
        lock.lock()
        defer { lock.unlock() }
        if let value { return value }
        let computed = try compute()
        value = computed
        return computed
    }
}
