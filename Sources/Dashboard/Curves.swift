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
        // Each seed's x at each of its epochs: the epoch, or the seconds it
        // had trained by its end.
        let xs: [[Double]] = seeds.map { seed in
            guard options.axis == .seconds else { return seed.epochs.map(Double.init) }
            var elapsed = 0.0
            return seed.seconds.map { seconds in
                elapsed += seconds.isFinite ? seconds : 0
                return elapsed
            }
        }
        // Where each seed is in its epochs as the epochs are walked in step:
        // a seed's epochs are in order, and one may lack some.
        var positions = [Int](repeating: 0, count: seeds.count)
        var x = [Double](), y = [Double]()
        x.reserveCapacity(seeds.count)
        y.reserveCapacity(seeds.count)
        var points: [ChartPoint] = []
        var band: [ChartBandPoint] = []
        let lastEpoch = seeds.compactMap { $0.epochs.last }.max() ?? 0
        if lastEpoch > 0 {
            for epoch in 1...lastEpoch {
                x.removeAll(keepingCapacity: true)
                y.removeAll(keepingCapacity: true)
                for index in seeds.indices {
                    let seed = seeds[index]
                    while positions[index] < seed.epochs.count && seed.epochs[positions[index]] < epoch { positions[index] += 1 }
                    let position = positions[index]
                    guard position < seed.epochs.count, seed.epochs[position] == epoch, seed.values[position].isFinite else { continue }
                    x.append(xs[index][position])
                    y.append(seed.values[position])
                }
                guard !y.isEmpty else { continue }
                let meanX = mean(x)
                let average = mean(y)
                points.append(ChartPoint(x: meanX, y: average))
                switch options.band {
                case .sd:
                    let sd = standardDeviation(y, mean: average)
                    band.append(ChartBandPoint(x: meanX, low: average - sd, high: average + sd))
                case .minmax:
                    band.append(ChartBandPoint(x: meanX, low: y.min()!, high: y.max()!))
                case .none:
                    break
                }
            }
        }
        if seeds.count < 2 { band = [] }
        let seedLines: [[ChartPoint]] = options.showsSeeds
            ? seeds.indices.map { index in
                seeds[index].values.indices.compactMap { position in
                    let value = seeds[index].values[position]
                    return value.isFinite && seeds[index].epochs[position] >= 1
                        ? ChartPoint(x: xs[index][position], y: value) : nil
                }
            }
            : []
        return ChartLine(label: label, key: key, points: points, band: band, seeds: seedLines)
    }

    /// Summed in order, so the same epochs give the same bits.
    static func mean(_ values: [Double]) -> Double {
        var sum = 0.0
        for value in values { sum += value }
        return sum / Double(values.count)
    }

    /// The sample (n − 1) deviation, as `config_summary`'s; 0 for one value.
    static func standardDeviation(_ values: [Double], mean: Double) -> Double {
        guard values.count > 1 else { return 0 }
        var sum = 0.0
        for value in values { sum += (value - mean) * (value - mean) }
        return (sum / Double(values.count - 1)).squareRoot()
    }
}
