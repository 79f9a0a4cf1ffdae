import Backprop
import XCTest

final class GradientCheckTests: XCTestCase {
    func testBackpropMatchesFiniteDifferencesOnSeveralShapes() {
        let cases: [(layers: [Int], batch: Int, parameters: Int)] = [
            ([5, 4, 3], 1, 39),
            ([5, 4, 3], 4, 39),
            ([3, 6, 5, 2], 7, 71),
            ([4, 2], 3, 10),
            ([8, 7, 6, 5, 4], 10, 170),
            ([20, 30, 10], 10, 940),
        ]
        for (layers, batch, parameters) in cases {
            for seed: UInt64 in [1, 2] {
                let result = GradientCheck.run(layers: layers, batchSize: batch, seed: seed)
                XCTAssertEqual(result.parameterCount, parameters, "\(layers)")
                XCTAssertLessThanOrEqual(
                    result.maxRelativeError, GradientCheck.tolerance,
                    "\(layers) batch \(batch) seed \(seed): worst at \(result.worstParameter), "
                        + "backprop \(result.worstAnalytic) vs finite differences \(result.worstNumerical)")
                XCTAssertTrue(result.passed)
            }
        }
    }

    func testTheCheckIsDeterministic() {
        let first = GradientCheck.run(layers: [5, 4, 3], batchSize: 2, seed: 7)
        let second = GradientCheck.run(layers: [5, 4, 3], batchSize: 2, seed: 7)
        XCTAssertEqual(first.maxRelativeError, second.maxRelativeError)
        XCTAssertEqual(first.cost, second.cost)
        XCTAssertEqual(first.worstParameter, second.worstParameter)
    }
}
