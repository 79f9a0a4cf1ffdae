import Experiments
import XCTest

final class SobolSequenceTests: XCTestCase {
    /// Joe and Kuo's table of the first points in two dimensions, without the origin.
    func testTwoDimensionsStartAsTheStandardTable() {
        let sobol = SobolSequence(dimensions: 2)
        let expected: [[Double]] = [
            [0.5, 0.5], [0.75, 0.25], [0.25, 0.75], [0.375, 0.375],
            [0.875, 0.875], [0.625, 0.125], [0.125, 0.625], [0.1875, 0.3125],
        ]
        XCTAssertEqual((0..<8).map { sobol.point(at: $0) }, expected)
    }

    /// Points of the full table, as SciPy's unscrambled `qmc.Sobol(d=10)`,
    /// which reads `new-joe-kuo-6.21201` too, gives them (its rows 101 and
    /// 1023, counting the origin as row 0).
    func testTenDimensionsMatchAnIndependentImplementation() {
        let sobol = SobolSequence(dimensions: 10)
        XCTAssertEqual(sobol.point(at: 100), [
            0.9140625, 0.7578125, 0.2734375, 0.2265625, 0.3828125,
            0.2421875, 0.5234375, 0.9765625, 0.1328125, 0.1953125,
        ])
        XCTAssertEqual(sobol.point(at: 1022), [
            0.0009765625, 0.7529296875, 0.6123046875, 0.1455078125, 0.1865234375,
            0.4384765625, 0.1396484375, 0.6181640625, 0.3447265625, 0.8505859375,
        ])
    }

    /// A dimension's coordinates do not depend on how many dimensions there are.
    func testFewerDimensionsAreAPrefix() {
        let ten = SobolSequence(dimensions: 10)
        let three = SobolSequence(dimensions: 3)
        for index in [0, 1, 7, 100, 4095] {
            XCTAssertEqual(three.fractions(at: index), Array(ten.fractions(at: index).prefix(3)))
        }
    }

    /// The first 2^k points fill every cell of width 2^-k once in each dimension.
    func testEachDimensionIsStratified() {
        let sobol = SobolSequence(dimensions: 10)
        // The origin, skipped, completes the first 2^k points.
        let points = [[UInt32](repeating: 0, count: 10)] + (0..<255).map { sobol.fractions(at: $0) }
        for dimension in 0..<10 {
            XCTAssertEqual(Set(points.map { $0[dimension] >> 24 }).count, 256, "dimension \(dimension + 1)")
        }
    }
}
