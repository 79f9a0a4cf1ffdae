/// What a chart shows, apart from how it is drawn: the dashboard builds
/// these from the results and renders them as SVG (`ChartRendering.swift`).

/// How an axis maps values to positions.
enum AxisScale: String, Sendable, Equatable {
    case linear
    /// Base 10; values ≤ 0 cannot be shown and are left out.
    case logarithmic
}

struct ChartPoint: Sendable, Equatable {
    var x: Double
    var y: Double
}

/// A shaded area around a line: at each x, from `low` to `high`.
struct ChartBandPoint: Sendable, Equatable {
    var x: Double
    var low: Double
    var high: Double
}

/// One configuration's curve: its mean over seeds, the band around it, and,
/// on demand, each seed's own line drawn thin.
struct ChartLine: Sendable, Equatable {
    /// The legend's text; rendered as text, never as markup.
    var label: String
    /// Identifies the line in the SVG (`data-key`), for pages and tests.
    var key: String
    var points: [ChartPoint]
    var band: [ChartBandPoint] = []
    var seeds: [[ChartPoint]] = []
}

/// Lines over a shared x axis: learning curves.
struct LineChart: Sendable, Equatable {
    var title: String
    var xLabel: String
    var yLabel: String
    var xScale: AxisScale = .linear
    var lines: [ChartLine]
}

/// One point of a metric against a setting, with its spread over seeds.
struct ErrorBarPoint: Sendable, Equatable {
    var x: Double
    var mean: Double
    var low: Double
    var high: Double
}

/// A series of error bars: one per value of the setting on the x axis,
/// for configurations that share the other settings.
struct ErrorBarSeries: Sendable, Equatable {
    var label: String
    var key: String
    var points: [ErrorBarPoint]
}

/// A metric against a setting (η on a log axis, say), with error bars.
struct ErrorBarChart: Sendable, Equatable {
    var title: String
    var xLabel: String
    var yLabel: String
    var xScale: AxisScale = .linear
    var series: [ErrorBarSeries]
}
