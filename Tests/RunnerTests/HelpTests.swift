import XCTest

/// Every flag of every subcommand appears in its `--help`.
final class HelpTests: XCTestCase {
    private let flags: KeyValuePairs<String, [String]> = [
        "train": ["--layers", "--eta", "--epochs", "--batch", "--seed", "--init", "--initialization",
                  "--cost", "--l2", "--momentum", "--patience", "--eta-halving",
                  "--dataset", "--train-limit", "--validation-limit", "--test-limit"],
        "sweep": ["--set", "--db", "--jobs", "--out", "--dry-run", "--retry-failed", "--replace", "--quiet", "--verbose"],
        "query": ["--db", "--experiment", "--csv", "--verbose"],
        "list": ["--db", "--orphans"],
        "gc": ["--db", "--yes", "--verbose"],
        "merge": ["--into", "--all", "--verbose"],
        "check": ["--db", "--verbose"],
        "backup": ["--db", "--to", "--verbose"],
        "recover": ["--to", "--verbose"],
        "export": ["--db", "--experiment", "--out", "--allow-partial"],
        "gradcheck": ["--layers", "--batch", "--seed"],
        "bench": ["--layers", "--batch", "--examples", "--repeat", "--eta", "--dataset"],
    ]

    func testEverySubcommandDocumentsItsFlags() throws {
        for (command, commandFlags) in flags {
            let output = try RunnerProcess.run([command, "--help"])

            XCTAssertEqual(output.status, 0, "\(command): \(output.transcript)")
            XCTAssertTrue(output.stdout.contains("USAGE: runner \(command)"), "\(command): \(output.stdout)")
            // A flag's own entry starts its line: `  --eta <eta>  Learning rate…`,
            // or `  --init, --initialization <init>` for one with two names.
            let documented = Set(output.stdoutLines.flatMap { line in
                line.firstMatch(of: #/^\s+(--[a-z0-9-]+(?:, --[a-z0-9-]+)*)/#)
                    .map { $0.1.split(separator: ", ").map(String.init) } ?? []
            })
            for flag in commandFlags {
                XCTAssertTrue(documented.contains(flag), "runner \(command) --help does not list \(flag):\n\(output.stdout)")
            }
        }
    }
}
