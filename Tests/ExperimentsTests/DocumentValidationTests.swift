import XCTest

/// Errors about the file as a whole: syntax, shape and hostile input.
final class DocumentValidationTests: XCTestCase {
    func testSyntaxErrorReportsLibYAMLPosition() {
        assertError(
            "name: eta\nlayers: [784, 30, 10\neta: 3.0\n", line: 3, column: 4, key: nil,
            message: "invalid YAML: did not find expected ',' or ']' (while parsing a flow sequence at line 2, column 9)")
    }

    func testBadIndentationIsASyntaxError() {
        assertError(
            "name: eta\nlayers: [784, 30, 10]\n  eta: 3.0\n", line: 3, column: 3, key: nil,
            message: "invalid YAML: did not find expected key (while parsing a block mapping at line 1, column 1)")
    }

    func testDocumentThatIsAList() {
        assertError(
            "- name\n- eta\n", line: 1, column: 1, key: nil,
            message: "an experiment file must be a mapping of keys to values, got a list")
    }

    func testDocumentThatIsAScalar() {
        assertError(
            "# a comment\njust words\n", line: 2, column: 1, key: nil,
            message: "an experiment file must be a mapping of keys to values, got the string \"just words\"")
    }

    func testEmptyFile() {
        let message = "the file is empty; an experiment needs at least name, layers, eta, epochs and batch"
        assertError("", line: 1, column: 1, key: nil, message: message)
        assertError("# only a comment\n", line: 1, column: 1, key: nil, message: message)
        assertError("---\n", line: 1, column: 1, key: nil, message: message)
    }

    func testTabIndentation() {
        assertError(
            "name: eta\ngrid:\n  \teta: [1]\n", line: 3, column: 3, key: nil,
            message: "tab used for indentation; indent with spaces")
    }

    func testTabsAfterIndentationAreAllowed() throws {
        XCTAssertEqual(try parse(minimal(replacing: "eta: 3.0", with: "eta:\t3.0")).runs.count, 1)
    }

    func testMultipleDocuments() {
        assertError(
            minimal + "---\n" + minimal, line: 6, column: 1, key: nil,
            message: "the file holds more than one YAML document; an experiment is a single document")
    }

    func testControlCharacter() {
        assertError(
            minimal + "description: \"\u{07}\"\n", line: 6, column: 15, key: nil,
            message: "invalid YAML: control characters are not allowed")
    }

    func testNestingDeeperThan32() {
        let deep = String(repeating: "[", count: 40) + String(repeating: "]", count: 40)
        assertError(
            minimal + "description: \(deep)\n", line: 6, column: 45,
            key: "description" + String(repeating: "[0]", count: 31),
            message: "nesting is deeper than 32 levels")
    }

    func testNestingBeyondLibYAMLsLimitIsReportedTheSameWay() {
        assertError(
            String(repeating: "[", count: 5_000), line: 1, column: 1, key: nil,
            message: "nesting is deeper than 32 levels")
    }

    func testAnchor() {
        assertError(
            minimal(replacing: "[784, 30, 10]", with: "&net [784, 30, 10]"), line: 2, column: 9, key: "layers",
            message: "YAML anchors (&net) are not supported; write the value out in full")
    }

    func testAlias() {
        let yaml = minimal(replacing: "eta: 3.0\n", with: "") + "grid:\n  layers: &l [[784, 10]]\n  eta: *l\n"
        assertError(
            yaml, line: 7, column: 8, key: nil,
            message: "YAML aliases (*l) are not supported; write the value out in full")
    }

    /// Composing this takes exponential time when the alias is a mapping key
    /// (Yams hashes it in full to look for duplicate keys), so it must be
    /// refused before composing; this test would hang otherwise.
    func testAliasBombIsRefusedBeforeComposing() {
        var bomb = "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        for level in 1..<9 {
            let aliases = Array(repeating: "*a\(level - 1)", count: 9).joined(separator: ", ")
            bomb += "a\(level): &a\(level) [\(aliases)]\n"
        }
        bomb += "? *a8\n: 1\n"
        assertError(
            bomb, line: 2, column: 10, key: nil,
            message: "YAML aliases (*a0) are not supported; write the value out in full")
    }

    func testStarsAndAmpersandsInTextAreFine() throws {
        let experiment = try parse(minimal + "description: \"*fast* & &cheap\" # *a &b\n")
        XCTAssertEqual(experiment.description, "*fast* & &cheap")
    }

    func testOversizedText() {
        let padding = "# " + String(repeating: "x", count: 1 << 20) + "\n"
        assertError(
            minimal + padding, line: 1, column: 1, key: nil,
            message: "the file is over 1 MiB (1048576 bytes), the limit for experiment files")
    }

    func testNonMappingKey() {
        assertError(minimal + "? [a, b]\n: 1\n", line: 6, column: 3, key: nil, message: "expected a key name, got a list")
    }
}
