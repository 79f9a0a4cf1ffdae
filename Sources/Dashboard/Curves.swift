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

    static func line(label: String, key: String, seeds: [EpochSeries], options: Options) -> ChartLine {
        // At each epoch: the x of every seed that reached it (the epoch, or
        // the seconds it had trained by then) and its finite values.
        let lastEpoch = seeds.compactMap { $0.epochs.last }.max() ?? 0
        var xs = Array(repeating: [Double](), count: lastEpoch + 1)
        var ys = Array(repeating: [Double](), count: lastEpoch + 1)
        var seedLines: [[ChartPoint]] = []
        for seed in seeds {
            var elapsed = 0.0
            var seedLine: [ChartPoint] = []
            for index in seed.epochs.indices {
                let epoch = seed.epochs[index]
                elapsed += seed.seconds[index].isFinite ? seed.seconds[index] : 0
                let x = options.axis == .epoch ? Double(epoch) : elapsed
                let y = seed.values[index]
                guard epoch >= 1, y.isFinite else { continue }
                xs[epoch].append(x)
                ys[epoch].append(y)
                if options.showsSeeds { seedLine.append(ChartPoint(x: x, y: y)) }
            }
            if options.showsSeeds { seedLines.append(seedLine) }
        }
        var points: [ChartPoint] = []
        var band: [ChartBandPoint] = []
        for epoch in ys.indices where !ys[epoch].isEmpty {
            let x = mean(xs[epoch])
            let average = mean(ys[epoch])
            points.append(ChartPoint(x: x, y: average))
            switch options.band {
            case .sd:
                let sd = standardDeviation(ys[epoch], mean: average)
                band.append(ChartBandPoint(x: x, low: average - sd, high: average + sd))
            case .minmax:
                band.append(ChartBandPoint(x: x, low: ys[epoch].min()!, high: ys[epoch].max()!))
            case .none:
                break
            }
        }
        if seeds.count < 2 { band = [] }
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
