import Foundation
import XCTest

/// A temporary working directory for `runner slurm`, as a user's project
/// directory on a cluster: commands run in it, so `results/` lands there,
/// and its experiment file names the repository's MNIST by absolute path,
/// as jobs that `cd` elsewhere need.
struct SlurmWorkspace {
    let directory: URL
    let experiment: String
    let epochs: Int
    var experimentFile: String { "\(experiment).yaml" }

    /// Writes `NAME.yaml`: 2 learning rates × 2 seeds, so 4 runs.
    init(in directory: URL, experiment: String, trainLimit: Int, epochs: Int) throws {
        // The jobs see the directory by its real path; compare with that.
        self.directory = directory.resolvingSymlinksInPath()
        self.experiment = experiment
        self.epochs = epochs
        let yaml = """
            name: \(experiment)
            description: runner slurm end to end
            dataset: \(RunnerProcess.repositoryRoot.appendingPathComponent("data/mnist").path)
            train_limit: \(trainLimit)
            test_limit: 500
            layers: [784, 30, 10]
            epochs: \(epochs)
            batch: 10
            seeds: [1, 2]
            grid:
              eta: [1.0, 3.0]

            """
        try yaml.write(to: self.directory.appendingPathComponent(experimentFile), atomically: false, encoding: .utf8)
    }

    static let runCount = 4

    func path(_ relative: String) -> String { directory.appendingPathComponent(relative).path }
    func exists(_ relative: String) -> Bool { FileManager.default.fileExists(atPath: path(relative)) }

    var mergedDatabase: String { path("results/results.sqlite") }
    var recordDirectory: String { "results/slurm/\(experiment)" }
    func shardDatabase(_ index: Int, of count: Int) -> String { path("results/shards/\(experiment)-\(index)-of-\(count).sqlite") }

    /// `runner ARGUMENTS…` run in the workspace, with `PATH` replaced when given.
    func runner(_ arguments: [String], path searchPath: String? = nil, file: StaticString = #filePath, line: UInt = #line) throws -> ProcessOutput {
        let runner = try XCTUnwrap(RunnerProcess.executable, "no runner executable; build with `swift build --build-tests`", file: file, line: line)
        // A shell changes directory first: RunnerProcess runs its programs in the repository root.
        let environment = searchPath.map { ["PATH=\($0)"] } ?? []
        return try RunnerProcess.execute(
            URL(fileURLWithPath: "/bin/sh"),
            ["-c", "cd \"$0\" && exec /usr/bin/env \"$@\"", directory.path] + environment + [runner.path] + arguments)
    }

    /// `runner slurm submit FILE FLAGS…`, which must succeed; returns the
    /// array and merge job ids it printed.
    func submit(_ flags: [String], file: StaticString = #filePath, line: UInt = #line) throws -> (array: String, merge: String) {
        let output = try runner(["slurm", "submit", experimentFile] + flags, file: file, line: line)
        XCTAssertEqual(output.status, 0, output.transcript, file: file, line: line)
        let lines = output.stdoutLines
        guard lines.count == 3, lines[0].hasPrefix("array job "), lines[1].hasPrefix("merge job "),
              lines[2] == "follow with: runner slurm status \(experimentFile)" else {
            throw PollFailure("unexpected output of runner slurm submit:\n\(output.transcript)")
        }
        return (String(lines[0].dropFirst("array job ".count)), String(lines[1].dropFirst("merge job ".count)))
    }

    /// `runner sweep FILE` on this machine into its own database, for reference numbers.
    func sweepLocally(file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let database = path("local.sqlite")
        let output = try runner(["sweep", experimentFile, "--db", database, "--out", path("local"), "--quiet"], file: file, line: line)
        XCTAssertEqual(output.status, 0, output.transcript, file: file, line: line)
        return database
    }

    /// Every epoch's numbers but its duration, exact, by run identity.
    static func epochNumbers(_ database: String, file: StaticString = #filePath, line: UInt = #line) throws -> [[String]] {
        try SQLiteShell.query(database, """
            SELECT r.config_hash, e.epoch, quote(e.train_cost), quote(e.test_cost), quote(e.test_accuracy)
            FROM epochs e JOIN runs r ON r.id = e.run_id ORDER BY r.config_hash, e.epoch
            """, file: file, line: line).rows
    }

    /// Each run's identity, status and epoch count.
    static func runCounts(_ database: String, file: StaticString = #filePath, line: UInt = #line) throws -> [[String]] {
        try SQLiteShell.query(database, """
            SELECT r.config_hash, r.status, (SELECT count(*) FROM epochs e WHERE e.run_id = r.id)
            FROM runs r ORDER BY r.config_hash
            """, file: file, line: line).rows
    }

    /// Everything a database holds, every column, for checking that a file
    /// was left alone.
    static func contents(_ database: String, file: StaticString = #filePath, line: UInt = #line) throws -> [CSVTable] {
        try ["SELECT * FROM experiments ORDER BY id", "SELECT * FROM experiment_runs ORDER BY experiment_id, run_id",
             "SELECT * FROM runs ORDER BY id", "SELECT run_id, epoch, quote(train_cost), quote(test_cost), quote(test_accuracy), quote(seconds) FROM epochs ORDER BY run_id, epoch"]
            .map { try SQLiteShell.query(database, $0, file: file, line: line) }
    }

    /// The files under `results/slurm/NAME`, relative to it, sorted.
    func recordFiles() throws -> [String] {
        let root = path(recordDirectory)
        let files = FileManager.default.enumerator(atPath: root)?.compactMap { $0 as? String } ?? []
        return files.filter { relative in
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: root + "/" + relative, isDirectory: &isDirectory) && !isDirectory.boolValue
        }.sorted()
    }

    /// Every job log, for failure messages.
    func logs() -> String {
        let directory = path(recordDirectory + "/logs")
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).sorted()
        return names.map { name in
            "--- \(name)\n" + ((try? String(contentsOfFile: directory + "/" + name, encoding: .utf8)) ?? "")
        }.joined()
    }
}
