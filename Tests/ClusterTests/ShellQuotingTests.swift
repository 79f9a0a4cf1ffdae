import XCTest
@testable import Cluster

final class ShellQuotingTests: XCTestCase {
    func testPathsAndOptionsStayBare() {
        for word in ["runner", "/opt/runner/bin/runner", "eta-fine_2.yaml", "a+b=c:d,e@f%g", "0-2,5"] {
            XCTAssertEqual(shellQuoted(word), word)
        }
    }

    func testWhatBashWouldInterpretIsSingleQuoted() {
        XCTAssertEqual(shellQuoted("my experiments/eta.yaml"), "'my experiments/eta.yaml'")
        XCTAssertEqual(shellQuoted("$HOME/runner"), "'$HOME/runner'")
        XCTAssertEqual(shellQuoted("eta*.yaml"), "'eta*.yaml'")
        XCTAssertEqual(shellQuoted("a;b"), "'a;b'")
        XCTAssertEqual(shellQuoted("two\nlines"), "'two\nlines'")
        XCTAssertEqual(shellQuoted("~/runner"), "'~/runner'")
    }

    /// Outside ASCII, a letter may not be one in the shell's locale.
    func testNonASCIIIsSingleQuoted() {
        XCTAssertEqual(shellQuoted("/home/zoë/runner"), "'/home/zoë/runner'")
    }

    func testASingleQuoteEndsTheQuotingEscapedAndStartsItAgain() {
        XCTAssertEqual(shellQuoted("ada's.yaml"), #"'ada'\''s.yaml'"#)
    }

    func testTheEmptyWordIsAPairOfQuotes() {
        XCTAssertEqual(shellQuoted(""), "''")
    }
}
