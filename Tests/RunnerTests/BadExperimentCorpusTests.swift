import Foundation
import XCTest

/// Every bad experiment file of `Tests/Corpus/experiments` (listed with the
/// answer each must get in its `EXPECTATIONS` file) given to `runner sweep`
/// with a real results database: a line for each problem, naming the file,
/// line and column and what is wrong, exit code 2, no output, the database
/// untouched.
final class BadExperimentCorpusTests: XCTestCase {
    private static let corpus = "Tests/Corpus/experiments"

    private struct Expectation {
        let file: String
        let exitCode: Int32
        /// What follows `runner: error: FILE` on each line, in order.
        var rests: [String]
    }

    func testEveryCorpusFileGetsItsErrors() throws {
        let expectations = try Self.expectations()
        let listed = Set(expectations.map(\.file))
        let present = Set(try FileManager.default.contentsOfDirectory(
            atPath: RunnerProcess.repositoryRoot.appendingPathComponent(Self.corpus).path
        ).filter { $0.hasSuffix(".yaml") })
        XCTAssertEqual(present.subtracting(listed), [], "corpus files without an expectation")
        XCTAssertEqual(listed.subtracting(present), [], "expectations without a corpus file")
        XCTAssertGreaterThanOrEqual(expectations.count, 80)

        let directory = try makeTemporaryDirectory()
        let db = try makeDatabaseWithOneFinishedRun(in: directory)
        let out = directory.appendingPathComponent("out").path
        let before = try DatabaseFingerprint(of: db)
        for expectation in expectations {
            let path = "\(Self.corpus)/\(expectation.file)"
            let output = try RunnerProcess.run(["sweep", path, "--db", db, "--out", out])
            XCTAssertEqual(output.status, expectation.exitCode, "\(expectation.file): \(output.transcript)")
            XCTAssertEqual(
                output.stderr, expectation.rests.map { "runner: error: \(path)\($0)\n" }.joined(), expectation.file)
            XCTAssertEqual(output.stdout, "", expectation.file)
            XCTAssertEqual(try DatabaseFingerprint(of: db), before, expectation.file)
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: out))
    }

    /// Over the 1 MiB limit: refused from its size, before YAML reads it.
    func testFileOverOneMebibyte() throws {
        let directory = try makeTemporaryDirectory()
        let path = directory.appendingPathComponent("huge.yaml").path
        var text = "name: huge\nlayers: [784, 10]\neta: 3.0\nepochs: 1\nbatch: 10\nseeds: ["
        text += (0 ..< 200_000).map(String.init).joined(separator: ", ") + "]\n"
        XCTAssertGreaterThan(text.utf8.count, 1 << 20)
        try text.write(toFile: path, atomically: false, encoding: .utf8)

        try assertRefused(path, in: directory, with: ":1:1: the file is over 1 MiB (1048576 bytes), the limit for experiment files")
    }

    /// Just under the size limit, a million unclosed flow sequences: refused
    /// at the 33rd level without a parser recursing a million times.
    func testNestingAMillionLevelsDeep() throws {
        let directory = try makeTemporaryDirectory()
        let path = directory.appendingPathComponent("deep.yaml").path
        let text = "name: deep\ndescription: " + String(repeating: "[", count: 1_000_000) + "\n"
        XCTAssertLessThan(text.utf8.count, 1 << 20)
        try text.write(toFile: path, atomically: false, encoding: .utf8)

        try assertRefused(path, in: directory, with: ":2:15: nesting is deeper than 32 levels")
    }

    /// The same nesting made of block sequences, one level per line.
    func testBlockNestingDeeperThanTheLimit() throws {
        let directory = try makeTemporaryDirectory()
        let path = directory.appendingPathComponent("deep-block.yaml").path
        let levels = (0 ..< 40).map { String(repeating: "  ", count: $0) + "- " }.joined(separator: "\n")
        try ("name: deep\ndescription:\n" + levels + "x\n").write(toFile: path, atomically: false, encoding: .utf8)

        try assertRefused(
            path, in: directory,
            with: ":34:63: description" + String(repeating: "[0]", count: 31) + ": nesting is deeper than 32 levels")
    }

    private func assertRefused(_ path: String, in directory: URL, with rest: String, line: UInt = #line) throws {
        let db = try makeDatabaseWithOneFinishedRun(in: directory)
        let before = try DatabaseFingerprint(of: db)

        let output = try RunnerProcess.run(["sweep", path, "--db", db, "--out", directory.appendingPathComponent("out").path])

        XCTAssertEqual(output.status, 2, output.transcript, line: line)
        XCTAssertEqual(output.stderr, "runner: error: \(path)\(rest)\n", line: line)
        XCTAssertEqual(output.stdout, "", line: line)
        XCTAssertEqual(try DatabaseFingerprint(of: db), before, line: line)
    }

    /// One expectation per file; consecutive lines of one file are the lines of its answer.
    private static func expectations() throws -> [Expectation] {
        let manifest = RunnerProcess.repositoryRoot.appendingPathComponent("\(corpus)/EXPECTATIONS")
        var expectations: [Expectation] = []
        for line in try String(contentsOf: manifest, encoding: .utf8).split(separator: "\n")
        where !line.hasPrefix("#") && !line.allSatisfy(\.isWhitespace) {
            let fields = line.split(separator: " | ", maxSplits: 2, omittingEmptySubsequences: false)
            guard fields.count == 3, let code = Int32(fields[1]) else {
                throw PollFailure("EXPECTATIONS: malformed line: \(line)")
            }
            let file = String(fields[0])
            if let last = expectations.last, last.file == file {
                guard last.exitCode == code else { throw PollFailure("EXPECTATIONS: two exit codes for \(file)") }
                expectations[expectations.count - 1].rests.append(String(fields[2]))
            } else {
                guard !expectations.contains(where: { $0.file == file }) else {
                    throw PollFailure("EXPECTATIONS: the lines of \(file) are not together")
                }
                expectations.append(Expectation(file: file, exitCode: code, rests: [String(fields[2])]))
            }
        }
        return expectations
    }
}
