import Results
import XCTest
@testable import Dashboard

/// A configuration's curve from its seeds: the mean over the seeds that
/// reached each epoch, with a band of ±1 sd or from min to max.
final class CurvesTests: XCTestCase {
    private func epochs(_ accuracies: [Double?], seconds: Double = 2) -> EpochSeries {
        EpochSeries(
            epochs: Array(1...accuracies.count), values: accuracies.map { $0 ?? .nan },
            seconds: Array(repeating: seconds, count: accuracies.count))
    }

    private func options(_ query: [(String, String)]) throws -> Curves.Options {
        try Curves.Options(DashboardFixture.get("/", query))
    }

    func testTheMeanAndTheStandardDeviationBandOverSeeds() throws {
        let line = Curves.line(label: "a", key: "k", seeds: [epochs([0.5, 0.7]), epochs([0.7, 0.9, 0.95])], options: try options([]))
        XCTAssertEqual(line.points, [ChartPoint(x: 1, y: 0.6), ChartPoint(x: 2, y: 0.8), ChartPoint(x: 3, y: 0.95)])
        let sd = (0.02).squareRoot()
        XCTAssertEqual(line.band.count, 3)
        XCTAssertEqual(line.band[0].low, 0.6 - sd, accuracy: 1e-15)
        XCTAssertEqual(line.band[0].high, 0.6 + sd, accuracy: 1e-15)
        XCTAssertEqual(line.band[2], ChartBandPoint(x: 3, low: 0.95, high: 0.95), "one seed reached epoch 3")
        XCTAssertEqual(line.seeds, [])
    }

    func testTheMinMaxBandAndTheSeedsOnDemand() throws {
        let line = Curves.line(
            label: "a", key: "k", seeds: [epochs([0.5, 0.7]), epochs([0.7, 0.9]), epochs([0.6, nil])],
            options: try options([("band", "minmax"), ("seeds", "1")]))
        XCTAssertEqual(line.band, [ChartBandPoint(x: 1, low: 0.5, high: 0.7), ChartBandPoint(x: 2, low: 0.7, high: 0.9)])
        XCTAssertEqual(line.seeds.map { $0.map(\.y) }, [[0.5, 0.7], [0.7, 0.9], [0.6]])
    }

    func testSecondsAreEachSeedsTimeTrainedAveraged() throws {
        let line = Curves.line(
            label: "a", key: "k", seeds: [epochs([0.5, 0.7], seconds: 2), epochs([0.7, 0.9], seconds: 4)],
            options: try options([("x", "seconds"), ("band", "none")]))
        XCTAssertEqual(line.points.map(\.x), [3, 6])
        XCTAssertEqual(line.band, [])
    }

    func testNonFiniteValuesAreLeftOut() throws {
        let line = Curves.line(label: "a", key: "k", seeds: [epochs([nil, .infinity])], options: try options([]))
        XCTAssertEqual(line.points, [], "a diverged run's NaN costs draw nothing")
        XCTAssertEqual(line.band, [])
    }
}
