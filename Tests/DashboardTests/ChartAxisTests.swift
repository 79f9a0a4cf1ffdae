import XCTest
@testable import Dashboard

final class ChartAxisTests: XCTestCase {
    func testLinearTicksAreRoundStepsWithShortLabels() {
        let ticks = ChartAxis.linearTicks(from: 0.9, to: 0.97, count: 8)
        XCTAssertEqual(ticks, [0.9, 0.91, 0.92, 0.93, 0.94, 0.95, 0.96, 0.97])
        XCTAssertEqual(ticks.map { ChartAxis.label($0, step: 0.01) }, ["0.9", "0.91", "0.92", "0.93", "0.94", "0.95", "0.96", "0.97"])
    }

    func testLinearTicksStepByTwoAndFive() {
        XCTAssertEqual(ChartAxis.linearTicks(from: -0.16, to: 31.16, count: 8), [0, 5, 10, 15, 20, 25, 30])
        XCTAssertEqual(ChartAxis.linearTicks(from: 0.065, to: 1.005, count: 8), [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1])
        XCTAssertEqual(ChartAxis.linearTicks(from: 0, to: 1500, count: 8), [0, 200, 400, 600, 800, 1000, 1200, 1400])
        XCTAssertEqual(ChartAxis.linearTicks(from: 1, to: 1, count: 8), [])
        XCTAssertEqual(ChartAxis.linearTicks(from: .nan, to: 1, count: 8), [])
    }

    func testLogarithmicTicksArePowersOfTenOverManyDecades() {
        let ticks = ChartAxis.logarithmicTicks(from: 0.01, to: 30)
        XCTAssertEqual(ticks.map { ChartAxis.label($0, step: $0) }, ["0.01", "0.1", "1", "10"])
    }

    func testLogarithmicTicksAddTwoAndFiveUnderTwoDecades() {
        let ticks = ChartAxis.logarithmicTicks(from: 0.1, to: 6)
        XCTAssertEqual(ticks.map { ChartAxis.label($0, step: $0) }, ["0.1", "0.2", "0.5", "1", "2", "5"])
        // Two decades and a bit hold only two powers of ten: 2 and 5 too.
        XCTAssertEqual(
            ChartAxis.logarithmicTicks(from: 0.025, to: 3.6).map { ChartAxis.label($0, step: $0) },
            ["0.05", "0.1", "0.2", "0.5", "1", "2"])
    }

    func testLogarithmicAxisOverZeroPointZeroOneToThirtyKeepsPowersOfTenAfterPadding() {
        var extent = ChartExtent(.logarithmic)
        for value in [0.01, 0.1, 3, 30, 0, -1, .nan, .infinity] { extent.include(value) }
        XCTAssertEqual(extent.lower, 0.01)
        XCTAssertEqual(extent.upper, 30)
        let axis = ChartAxis(extent, tickCount: 8)
        XCTAssertEqual(axis.labels, ["0.01", "0.1", "1", "10"])
        XCTAssertLessThan(axis.lower, 0.01)
        XCTAssertGreaterThan(axis.upper, 30)
    }

    func testLabelsTurnToExponentsOnlyForVerySmallValues() {
        XCTAssertEqual(ChartAxis.label(0.001, step: 0.001), "0.001")
        XCTAssertEqual(ChartAxis.label(0.0001, step: 0.0001), "0.0001")
        XCTAssertEqual(ChartAxis.label(0.00001, step: 0.00001), "1e-05")
        XCTAssertEqual(ChartAxis.label(10, step: 5), "10")
        XCTAssertEqual(ChartAxis.label(0, step: 0.1), "0")
        XCTAssertEqual(ChartAxis.label(-0.5, step: 0.1), "-0.5")
        // Ticks of a narrow range far from zero stay apart.
        XCTAssertEqual(ChartAxis.label(1000.25, step: 0.05), "1000.25")
    }

    func testAConstantRangeIsWidenedAroundItsValue() {
        var extent = ChartExtent(.linear)
        extent.include(0.95)
        let axis = ChartAxis(extent, tickCount: 8)
        XCTAssertLessThan(axis.lower, 0.95)
        XCTAssertGreaterThan(axis.upper, 0.95)
        XCTAssertEqual((axis.lower + axis.upper) / 2, 0.95, accuracy: 1e-12)
        XCTAssertGreaterThanOrEqual(axis.ticks.count, 3)

        var zero = ChartExtent(.linear)
        zero.include(0)
        XCTAssertEqual(ChartAxis(zero, tickCount: 8).ticks.first, -1)
    }

    func testAnEmptyAxisStillHasTicks() {
        XCTAssertEqual(ChartAxis(ChartExtent(.linear), tickCount: 8).labels.first, "0")
        XCTAssertEqual(ChartAxis(ChartExtent(.logarithmic), tickCount: 8).labels, ["1", "2", "5", "10"])
    }
}
