import Backprop
import XCTest

final class PortableMathTests: XCTestCase {
    func testExpAndLnAreInverseWithinAnUlp() {
        XCTAssertEqual(PortableMath.exp(0), 1)
        XCTAssertEqual(PortableMath.ln(1), 0)
        for x in [1e-300, 0.001, 0.5, 2, 10, 1e300] {
            XCTAssertEqual(PortableMath.exp(PortableMath.ln(x)), x, accuracy: x * 0x1p-44, "\(x)")
        }
    }

    /// Pinned bits: the same on every machine, unlike libm's.
    func testBitsArePinned() {
        XCTAssertEqual(PortableMath.exp(1).bitPattern, 0x4005_BF0A_8B14_5769)
        XCTAssertEqual(PortableMath.ln(10).bitPattern, 0x4002_6BB1_BBB5_5516)
    }
}
