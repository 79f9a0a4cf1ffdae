import Foundation

/// One line or series in the legend.
struct LegendEntry {
    var label: String
    var key: String
    var color: String
    /// Error bar series show their mean's dot on the swatch too.
    var hasMarker = false
}

/// The figure around the data: its size, the plot area, background, grid,
/// axes, title, legend; the two chart types draw their data in between.
///
/// Everything is styled with presentation attributes, not CSS, so that the
/// SVG looks the same opened alone, inlined in a page, or drawn onto a
/// canvas to export a PNG, where no stylesheet applies.
struct ChartCanvas {
    /// Tableau's ten categorical colours, matplotlib's default cycle: told
    /// apart by most colour-blind readers, and familiar from papers.
    static let palette = [
        "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
        "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf",
    ]

    static func color(_ index: Int) -> String { palette[index % palette.count] }

    /// Past this many entries a legend is a list nobody reads and taller
    /// than the plot; the rest are counted in a last line.
    static let legendLimit = 20
    /// Longer labels are cut, with the full text as a tooltip, so that one
    /// long label does not squeeze the plot.
    static let legendLabelLimit = 72

    var out: SVGWriter
    let width: Int
    let height: Int
    let left: Double, top: Double, right: Double, bottom: Double
    let x: ChartAxis
    let y: ChartAxis
    private let xMap: (offset: Double, slope: Double)
    private let yMap: (offset: Double, slope: Double)
    private let legend: [LegendEntry]
    private let legendTotal: Int
    private let legendLeft: Double

    /// `legend` holds the first entries (at most `legendLimit`), `legendTotal`
    /// counts them all; `capacity` is a guess at the document's bytes.
    init(x: ChartAxis, y: ChartAxis, legend: [LegendEntry], legendTotal: Int, capacity: Int) {
        self.x = x
        self.y = y
        self.legend = legend
        self.legendTotal = legendTotal
        // Widths from character counts: a sans-serif digit at 11 px is
        // about 7 px wide, a letter about 6.5 px on average.
        let yLabelWidth = Double(y.labels.map(\.count).max() ?? 1) * 7
        left = (34 + yLabelWidth).rounded()
        top = 44
        right = 700
        bottom = 368
        legendLeft = right + 20
        let more = legendTotal > legend.count ? "and \(legendTotal - legend.count) more".count : 0
        let longest = max(more, legend.map { min($0.label.count, Self.legendLabelLimit) }.max() ?? 0)
        width = legend.isEmpty && legendTotal == 0 ? 720 : Int(legendLeft + 28 + Double(longest) * 6.5 + 16)
        let rows = legend.count + (legendTotal > legend.count ? 1 : 0)
        height = max(420, Int(top + Double(rows) * 18 + 16))
        xMap = x.mapping(from: left, to: right)
        yMap = y.mapping(from: bottom, to: top)
        out = SVGWriter(capacity: capacity + 6_000)
    }

    @inline(__always)
    func px(_ value: Double) -> Double {
        xMap.offset + xMap.slope * (x.scale == .logarithmic ? log10(value) : value)
    }

    @inline(__always)
    func py(_ value: Double) -> Double {
        yMap.offset + yMap.slope * value
    }

    /// The document's start: the root, the white background (a PNG export
    /// would otherwise be transparent) and the grid, under the data.
    mutating func begin() {
        out.raw("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" width=\"\(width)\" height=\"\(height)\"")
        out.raw(" viewBox=\"0 0 \(width) \(height)\" font-family=\"sans-serif\" font-size=\"12\">\n")
        out.raw("<rect width=\"\(width)\" height=\"\(height)\" fill=\"#ffffff\"/>\n")
        if !x.minorTicks.isEmpty {
            out.raw("<path class=\"grid minor\" stroke=\"#f2f2f2\" stroke-width=\"1\" fill=\"none\" shape-rendering=\"crispEdges\" d=\"")
            for tick in x.minorTicks { verticalRule(px(tick)) }
            out.raw("\"/>\n")
        }
        out.raw("<path class=\"grid\" stroke=\"#e3e3e3\" stroke-width=\"1\" fill=\"none\" shape-rendering=\"crispEdges\" d=\"")
        for tick in x.ticks { verticalRule(px(tick)) }
        for tick in y.ticks {
            out.move(left, py(tick))
            out.line(right, py(tick))
        }
        out.raw("\"/>\n")
    }

    private mutating func verticalRule(_ position: Double) {
        out.move(position, top)
        out.line(position, bottom)
    }

    /// The rest of the figure, over the data, and the document's end.
    mutating func finish(title: String, xLabel: String, yLabel: String, hasData: Bool) -> String {
        if !hasData {
            out.raw("<text class=\"no-data\"")
            out.attribute("x", (left + right) / 2)
            out.attribute("y", (top + bottom) / 2)
            out.raw(" text-anchor=\"middle\" font-size=\"14\" fill=\"#888888\">no data yet</text>\n")
        }
        axes()
        out.raw("<text class=\"title\"")
        out.attribute("x", (left + right) / 2)
        out.raw(" y=\"26\" text-anchor=\"middle\" font-size=\"14\" font-weight=\"bold\" fill=\"#222222\">")
        out.text(title)
        out.raw("</text>\n<text class=\"axis-label\"")
        out.attribute("x", (left + right) / 2)
        out.attribute("y", bottom + 40)
        out.raw(" text-anchor=\"middle\" fill=\"#222222\">")
        out.text(xLabel)
        out.raw("</text>\n<text class=\"axis-label\" transform=\"translate(16 ")
        out.number((top + bottom) / 2)
        out.raw(") rotate(-90)\" text-anchor=\"middle\" fill=\"#222222\">")
        out.text(yLabel)
        out.raw("</text>\n")
        drawLegend()
        out.raw("</svg>\n")
        return out.string
    }

    /// Left and bottom axis lines with outward ticks and their labels; no
    /// top and right lines, the grid already closes the plot.
    private mutating func axes() {
        out.raw("<path class=\"axis\" stroke=\"#555555\" stroke-width=\"1\" fill=\"none\" shape-rendering=\"crispEdges\" d=\"")
        out.move(left, top)
        out.line(left, bottom)
        out.line(right, bottom)
        for tick in x.ticks {
            out.move(px(tick), bottom)
            out.line(px(tick), bottom + 5)
        }
        for tick in y.ticks {
            out.move(left - 5, py(tick))
            out.line(left, py(tick))
        }
        out.raw("\"/>\n<g class=\"x-axis\" font-size=\"11\" fill=\"#444444\" text-anchor=\"middle\">\n")
        for (tick, label) in zip(x.ticks, x.labels) {
            out.raw("<text")
            out.attribute("x", px(tick))
            out.attribute("y", bottom + 18)
            out.raw(">")
            out.text(label)
            out.raw("</text>\n")
        }
        out.raw("</g>\n<g class=\"y-axis\" font-size=\"11\" fill=\"#444444\" text-anchor=\"end\">\n")
        for (tick, label) in zip(y.ticks, y.labels) {
            out.raw("<text")
            out.attribute("x", left - 8)
            // A third of the font size down centres digits on the tick,
            // without dominant-baseline, which not every renderer knows.
            out.attribute("y", py(tick) + 4)
            out.raw(">")
            out.text(label)
            out.raw("</text>\n")
        }
        out.raw("</g>\n")
    }

    private mutating func drawLegend() {
        guard legendTotal > 0 else { return }
        out.raw("<g class=\"legend\" font-size=\"11\" fill=\"#333333\">\n")
        var rowY = top + 6
        for entry in legend {
            out.raw("<g class=\"legend-entry\"")
            out.attribute("data-key", entry.key)
            out.raw("><line")
            out.attribute("x1", legendLeft)
            out.attribute("y1", rowY)
            out.attribute("x2", legendLeft + 20)
            out.attribute("y2", rowY)
            out.raw(" stroke=\"\(entry.color)\" stroke-width=\"2\"/>")
            if entry.hasMarker {
                out.raw("<circle")
                out.attribute("cx", legendLeft + 10)
                out.attribute("cy", rowY)
                out.raw(" r=\"3\" fill=\"\(entry.color)\"/>")
            }
            out.raw("<text")
            out.attribute("x", legendLeft + 28)
            out.attribute("y", rowY + 4)
            out.raw(">")
            if entry.label.count > Self.legendLabelLimit {
                out.raw("<title>")
                out.text(entry.label)
                out.raw("</title>")
                out.text(String(entry.label.prefix(Self.legendLabelLimit - 1)) + "…")
            } else {
                out.text(entry.label)
            }
            out.raw("</text></g>\n")
            rowY += 18
        }
        if legendTotal > legend.count {
            out.raw("<text class=\"legend-more\"")
            out.attribute("x", legendLeft)
            out.attribute("y", rowY + 4)
            out.raw(" fill=\"#666666\">and \(legendTotal - legend.count) more</text>\n")
        }
        out.raw("</g>\n")
    }
}
