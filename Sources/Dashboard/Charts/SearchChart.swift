/// An early-stopped search: each run's metric against epochs, with the
/// epochs where early stopping ranked the runs (its rungs) marked. A pruned
/// run's line ends at the rung that stopped it.
struct SearchChart: Sendable, Equatable {
    var title: String
    var yLabel: String
    /// In legend order; the first is drawn on top.
    var runs: [SearchRun]
    var rungs: [SearchRung]
}

struct SearchRun: Sendable, Equatable {
    /// Rendered as text, never as markup.
    var label: String
    /// The line's `data-key`.
    var key: String
    var isPruned: Bool
    var points: [ChartPoint]
}

/// A vertical rule at an epoch where runs were ranked.
struct SearchRung: Sendable, Equatable {
    var epoch: Int
    var label: String
}

extension SearchChart {
    /// The chart as a standalone SVG document.
    ///
    /// The rungs first, under the data: per rung a dashed `line` of class
    /// `rung` with its `data-epoch`, and its label. Then per run exactly one
    /// `class="line"` path with the run's `data-key` (empty when the run has
    /// no epochs yet); a pruned run's is thinner and fainter, with
    /// `data-pruned="true"` and a dot where it stopped, so that a run pruned
    /// at its first epoch shows too.
    func svg() -> String {
        var xs = ChartExtent(.linear), ys = ChartExtent(.linear)
        var pointCount = 0
        for run in runs {
            pointCount += run.points.count
            for point in run.points where xs.isDrawable(point.x) && ys.isDrawable(point.y) {
                xs.include(point.x)
                ys.include(point.y)
            }
        }
        let hasData = !xs.isEmpty
        // A rung past every run's epochs (a rung not reached yet) still shows.
        for rung in rungs { xs.include(Double(rung.epoch)) }
        let legend = runs.prefix(ChartCanvas.legendLimit).enumerated().map { index, run in
            LegendEntry(label: run.label, key: run.key, color: ChartCanvas.color(index))
        }
        var canvas = ChartCanvas(
            x: ChartAxis(xs, tickCount: 6), y: ChartAxis(ys, tickCount: 8), legend: legend,
            legendTotal: runs.count, capacity: pointCount * 12 + runs.count * 300 + rungs.count * 200)
        canvas.begin()
        for rung in rungs {
            let x = canvas.px(Double(rung.epoch))
            canvas.out.raw("<line class=\"rung\"")
            canvas.out.attribute("data-epoch", String(rung.epoch))
            canvas.out.attribute("x1", x)
            canvas.out.attribute("y1", canvas.top)
            canvas.out.attribute("x2", x)
            canvas.out.attribute("y2", canvas.bottom)
            canvas.out.raw(" stroke=\"#8a8f96\" stroke-width=\"1\" stroke-dasharray=\"4 3\" shape-rendering=\"crispEdges\"/>\n")
            canvas.out.raw("<text class=\"rung-label\"")
            canvas.out.attribute("x", x + 4)
            canvas.out.attribute("y", canvas.top + 12)
            canvas.out.raw(" font-size=\"10\" fill=\"#666666\">")
            canvas.out.text(rung.label)
            canvas.out.raw("</text>\n")
        }
        // Backwards, so that the legend's first lines are drawn last, on top.
        for (index, run) in runs.enumerated().reversed() {
            let color = ChartCanvas.color(index)
            canvas.out.raw("<path class=\"line\"")
            canvas.out.attribute("data-key", run.key)
            if run.isPruned {
                canvas.out.raw(" data-pruned=\"true\" stroke=\"\(color)\" stroke-width=\"1.1\" stroke-opacity=\"0.6\"")
            } else {
                canvas.out.raw(" stroke=\"\(color)\" stroke-width=\"1.8\"")
            }
            canvas.out.raw(" stroke-linejoin=\"round\" fill=\"none\" d=\"")
            let drawn = canvas.lineData(run.points, xs: xs)
            canvas.out.raw("\"/>\n")
            guard let last = drawn.last, run.isPruned || drawn.count == 1 else { continue }
            canvas.out.raw(run.isPruned ? "<circle class=\"pruned-end\"" : "<circle class=\"marker\"")
            canvas.out.attribute("data-key", run.key)
            canvas.out.attribute("cx", canvas.px(last.x))
            canvas.out.attribute("cy", canvas.py(last.y))
            canvas.out.raw(" r=\"\(run.isPruned ? "2.5" : "3")\" fill=\"\(color)\"/>\n")
        }
        return canvas.finish(title: title, xLabel: "epoch", yLabel: yLabel, hasData: hasData)
    }
}
