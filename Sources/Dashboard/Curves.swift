import Foundation
import Results

/// A configuration's learning curve from its seeds' epochs: at each epoch,
/// the mean over the seeds that reached it, with its band.
enum Curves {
    struct Options: Sendable {
        var metric: EpochMetric
        var axis: CurveAxis
        var band: BandKind
        var showsSeeds: Bool

        init(_ request: DashboardRequest) throws {
            metric = try EpochMetric.parse(request.parameter("metric"))
            axis = try CurveAxis.parse(request.parameter("x"))
            band = try BandKind.parse(request.parameter("band"))
            showsSeeds = request.parameter("seeds") == "1"
        }
    }

    static func line(label: String, key: String, seeds: [[EpochRecord]], options: Options) -> ChartLine {
        // Each seed's x at each of its epochs: the epoch, or the seconds
        // trained by its end.
        let seedPoints: [[(epoch: Int, x: Double, y: Double?)]] = seeds.map { epochs in
            var elapsed = 0.0
            return epochs.map { epoch in
                elapsed += epoch.seconds.isFinite ? epoch.seconds : 0
                return (epoch.epoch, options.axis == .epoch ? Double(epoch.epoch) : elapsed, options.metric.value(in: epoch))
            }
        }
        let lastEpoch = seedPoints.compactMap { $0.last?.epoch }.max() ?? 0
        var points: [ChartPoint] = []
        var band: [ChartBandPoint] = []
        var byEpoch = Array(repeating: [(x: Double, y: Double)](), count: lastEpoch + 1)
        for seed in seedPoints {
            for point in seed where point.epoch >= 1 {
                if let y = point.y { byEpoch[point.epoch].append((point.x, y)) }
            }
        }
        for values in byEpoch where !values.isEmpty {
            let x = mean(values.map(\.x))
            let ys = values.map(\.y)
            let average = mean(ys)
            points.append(ChartPoint(x: x, y: average))
            switch options.band {
            case .sd:
                let sd = standardDeviation(ys, mean: average)
                band.append(ChartBandPoint(x: x, low: average - sd, high: average + sd))
            case .minmax:
                band.append(ChartBandPoint(x: x, low: ys.min()!, high: ys.max()!))
            case .none:
                break
            }
        }
        if seeds.count < 2 { band = [] }
        let seedLines = options.showsSeeds
            ? seedPoints.map { $0.compactMap { point in point.y.map { ChartPoint(x: point.x, y: $0) } } }
            : []
        return ChartLine(label: label, key: key, points: points, band: band, seeds: seedLines)
    }

    /// Summed in order, so the same epochs give the same bits.
    static func mean(_ values: [Double]) -> Double {
        values.reduce(0, +) / Double(values.count)
    }

    /// The sample (n − 1) deviation, as `config_summary`'s; 0 for one value.
    static func standardDeviation(_ values: [Double], mean: Double) -> Double {
        guard values.count > 1 else { return 0 }
        return (values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(values.count - 1)).squareRoot()
    }
}
