import Foundation
import XCTest

/// Every bad experiment file of `Tests/Corpus/experiments` (listed with the
/// answer each must get in its `EXPECTATIONS` file) given to `runner sweep`
/// with a real results database: one line naming the file, line and column
/// and what is wrong, exit code 2, no output, the database untouched.
final class BadExperimentCorpusTests: XCTestCase {
    private static let corpus = "Tests/Corpus/experiments"

    private struct Expectation {
        let file: String
        let exitCode: Int32
        let rest: String
    }

    func testEveryCorpusFileGetsItsOneLineError() throws {
        let expectations = try Self.expectations()
        let listed = Set(expectations.map(\.file))
        let present = Set(try FileManager.default.contentsOfDirectory(
            atPath: RunnerProcess.repositoryRoot.appendingPathComponent(Self.corpus).path
        ).filter { $0.hasSuffix(".yaml") })
        XCTAssertEqual(present.subtracting(listed), [], "corpus files without an expectation")
        XCTAssertEqual(listed.subtracting(present), [], "expectations without a corpus file")
        XCTAssertGreaterThanOrEqual(expectations.count, 80)

        let database = try Self.resultsDatabase(in: try makeTemporaryDirectory())
        let before = try DatabaseFingerprint(of: database.db)
        for expectation in expectations {
            let path = "\(Self.corpus)/\(expectation.file)"
            let output = try RunnerProcess.run(["sweep", path, "--db", database.db, "--out", database.out])
            XCTAssertEqual(output.status, expectation.exitCode, "\(expectation.file): \(output.transcript)")
            XCTAssertEqual(output.stderr, "runner: error: \(path)\(expectation.rest)\n", expectation.file)
            XCTAssertEqual(output.stdout, "", expectation.file)
            XCTAssertEqual(try DatabaseFingerprint(of: database.db), before, expectation.file)
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: database.out))
    }

    /// Over the 1 MiB limit: refused from its size, before YAML reads it.
    func testFileOverOneMebibyte() throws {
        let directory = try makeTemporaryDirectory()
        let path = directory.appendingPathComponent("huge.yaml").path
        var text = "name: huge\nlayers: [784, 10]\neta: 3.0\nepochs: 1\nbatch: 10\nseeds: ["
        text += (0 ..< 200_000).map(String.init).joined(separator: ", ") + "]\n"
        XCTAssertGreaterThan(text.utf8.count, 1 << 20)
        try text.write(toFile: path, atomically: true, encoding: .utf8)

        try assertRefused(path, in: directory, with: ":1:1: the file is over 1 MiB (1048576 bytes), the limit for experiment files")
    }

    /// Just under the size limit, a million unclosed flow sequences: refused
    /// at the 33rd level without a parser recursing a million times.
    func testNestingAMillionLevelsDeep() throws {
        let directory = try makeTemporaryDirectory()
        let path = directory.appendingPathComponent("deep.yaml").path
        let text = "name: deep\ndescription: " + String(repeating: "[", count: 1_000_000) + "\n"
        XCTAssertLessThan(text.utf8.count, 1 << 20)
        try text.write(toFile: path, atomically: true, encoding: .utf8)

        try assertRefused(path, in: directory, with: ":2:15: nesting is deeper than 32 levels")
    }

    /// The same nesting made of block sequences, one level per line.
    func testBlockNestingDeeperThanTheLimit() throws {
        let directory = try makeTemporaryDirectory()
        let path = directory.appendingPathComponent("deep-block.yaml").path
        let levels = (0 ..< 40).map { String(repeating: "  ", count: $0) + "- " }.joined(separator: "\n")
        try ("name: deep\ndescription:\n" + levels + "x\n").write(toFile: path, atomically: true, encoding: .utf8)

        try assertRefused(
            path, in: directory,
            with: ":34:63: description" + String(repeating: "[0]", count: 31) + ": nesting is deeper than 32 levels")
    }

    private func assertRefused(_ path: String, in directory: URL, with rest: String, line: UInt = #line) throws {
        let database = try Self.resultsDatabase(in: directory)
        let before = try DatabaseFingerprint(of: database.db)

        let output = try RunnerProcess.run(["sweep", path, "--db", database.db, "--out", database.out])

        XCTAssertEqual(output.status, 2, output.transcript, line: line)
        XCTAssertEqual(output.stderr, "runner: error: \(path)\(rest)\n", line: line)
        XCTAssertEqual(output.stdout, "", line: line)
        XCTAssertEqual(try DatabaseFingerprint(of: database.db), before, line: line)
    }

    /// A results database holding one finished run, as a user's would.
    private static func resultsDatabase(in directory: URL) throws -> (db: String, out: String) {
        let file = directory.appendingPathComponent("good.yaml").path
        try """
            name: good
            train_limit: 100
            test_limit: 100
            layers: [784, 10]
            eta: 3.0
            epochs: 1
            batch: 10

            """.write(toFile: file, atomically: true, encoding: .utf8)
        let db = directory.appendingPathComponent("results.sqlite").path
        let output = try RunnerProcess.run(["sweep", file, "--db", db, "--out", directory.appendingPathComponent("good-out").path])
        XCTAssertEqual(output.status, 0, output.transcript)
        return (db, directory.appendingPathComponent("out").path)
    }

    private static func expectations() throws -> [Expectation] {
        let manifest = RunnerProcess.repositoryRoot.appendingPathComponent("\(corpus)/EXPECTATIONS")
        return try String(contentsOf: manifest, encoding: .utf8)
            .split(separator: "\n")
            .filter { !$0.hasPrefix("#") && !$0.allSatisfy(\.isWhitespace) }
            .map { line in
                let fields = line.split(separator: " | ", maxSplits: 2, omittingEmptySubsequences: false)
                guard fields.count == 3, let code = Int32(fields[1]) else {
                    throw PollFailure("EXPECTATIONS: malformed line: \(line)")
                }
                return Expectation(file: String(fields[0]), exitCode: code, rest: String(fields[2]))
            }
    }
}
