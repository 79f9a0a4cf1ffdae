@testable import Experiments
import XCTest

final class DecimalRoundingTests: XCTestCase {
    func testKeepsFourSignificantDigits() {
        XCTAssertEqual(DecimalRounding.round(0.031622776601683794), 0.03162)
        XCTAssertEqual(DecimalRounding.round(3.1622776601683795), 3.162)
        XCTAssertEqual(DecimalRounding.round(12345.678), 12350)
        XCTAssertEqual(DecimalRounding.round(1.0e-05), 1.0e-05)
        XCTAssertEqual(DecimalRounding.round(0.25), 0.25)
        XCTAssertEqual(DecimalRounding.round(-2.71828), -2.718)
        XCTAssertEqual(DecimalRounding.round(0), 0)
    }

    /// The result prints as the rounded decimal, as canonical JSON shows it.
    func testPrintsAsTheDecimal() {
        XCTAssertEqual(String(DecimalRounding.round(0.031622776601683794)), "0.03162")
        XCTAssertEqual(String(DecimalRounding.round(0.1 + 0.2)), "0.3")
        XCTAssertEqual(String(DecimalRounding.round(123_456_789.0)), "123500000.0")
        XCTAssertEqual(String(DecimalRounding.round(3.14159e-30)), "3.142e-30")
        XCTAssertEqual(String(DecimalRounding.round(6.02214076e+23)), "6.022e+23")
    }

    /// Ties go to the even last digit, and a carry adds a digit in front.
    func testRoundsHalfToEvenAndCarries() {
        XCTAssertEqual(DecimalRounding.round(1.0005), 1.0)
        XCTAssertEqual(DecimalRounding.round(1.0015), 1.002)
        XCTAssertEqual(DecimalRounding.round(1.00251), 1.003)
        XCTAssertEqual(DecimalRounding.round(0.99995), 1.0)
        XCTAssertEqual(DecimalRounding.round(9999.5), 10000)
    }
}
