// Charts are drawn on the server, as SVG, so that every chart the dashboard
// shows is also a file: saved alone, or drawn onto a canvas for a PNG, it
// keeps its title, legend and axis labels, and looks the same.

extension LineChart {
    /// The chart as a standalone SVG document.
    ///
    /// Per line, in order, its band, its seeds and its mean, each a `path`
    /// with the line's `data-key`; a line always has exactly one
    /// `class="line"` path, empty when it has no points, so a page can find
    /// every line by its key. A NaN or infinite value, or a value ≤ 0 on a
    /// logarithmic x axis, leaves a gap instead of a point.
    ///
    /// ```swift
    /// let chart = LineChart(
    ///     title: "eta: test accuracy", xLabel: "epoch", yLabel: "test accuracy",
    ///     lines: [ChartLine(label: "η = 0.5", key: "a1b2", points: [ChartPoint(x: 1, y: 0.91), ChartPoint(x: 2, y: 0.94)])])
    /// try chart.svg().write(toFile: "curves.svg", atomically: false, encoding: .utf8)
    /// ```
    func svg() -> String {
        var xs = ChartExtent(xScale), ys = ChartExtent(.linear)
        var pointCount = 0
        for line in lines {
            pointCount += line.points.count + 2 * line.band.count
            for point in line.points where xs.isDrawable(point.x) && ys.isDrawable(point.y) {
                xs.include(point.x)
                ys.include(point.y)
            }
            for point in line.band where xs.isDrawable(point.x) && point.low.isFinite && point.high.isFinite {
                xs.include(point.x)
                ys.include(point.low)
                ys.include(point.high)
            }
            for seed in line.seeds {
                pointCount += seed.count
                for point in seed where xs.isDrawable(point.x) && ys.isDrawable(point.y) {
                    xs.include(point.x)
                    ys.include(point.y)
                }
            }
        }
        let legend = lines.prefix(ChartCanvas.legendLimit).enumerated().map { index, line in
            LegendEntry(label: line.label, key: line.key, color: ChartCanvas.color(index))
        }
        var canvas = ChartCanvas(
            x: ChartAxis(xs, tickCount: 6), y: ChartAxis(ys, tickCount: 8), legend: legend,
            legendTotal: lines.count, capacity: pointCount * 12 + lines.count * 420)
        canvas.begin()
        for (index, line) in lines.enumerated() {
            let color = ChartCanvas.color(index)
            if !line.band.isEmpty {
                canvas.out.raw("<path class=\"band\"")
                canvas.out.attribute("data-key", line.key)
                canvas.out.raw(" fill=\"\(color)\" fill-opacity=\"0.18\" stroke=\"none\" d=\"")
                canvas.bandData(line.band, xs: xs)
                canvas.out.raw("\"/>\n")
            }
            for seed in line.seeds {
                canvas.out.raw("<path class=\"seed\"")
                canvas.out.attribute("data-key", line.key)
                canvas.out.raw(" stroke=\"\(color)\" stroke-width=\"0.8\" stroke-opacity=\"0.5\" fill=\"none\" d=\"")
                _ = canvas.lineData(seed, xs: xs)
                canvas.out.raw("\"/>\n")
            }
            canvas.out.raw("<path class=\"line\"")
            canvas.out.attribute("data-key", line.key)
            canvas.out.raw(" stroke=\"\(color)\" stroke-width=\"1.8\" stroke-linejoin=\"round\" fill=\"none\" d=\"")
            let drawn = canvas.lineData(line.points, xs: xs)
            canvas.out.raw("\"/>\n")
            // A path of one point draws nothing.
            if drawn.count == 1, let point = drawn.last {
                canvas.out.raw("<circle class=\"marker\"")
                canvas.out.attribute("data-key", line.key)
                canvas.out.attribute("cx", canvas.px(point.x))
                canvas.out.attribute("cy", canvas.py(point.y))
                canvas.out.raw(" r=\"3\" fill=\"\(color)\"/>\n")
            }
        }
        return canvas.finish(title: title, xLabel: xLabel, yLabel: yLabel, hasData: !xs.isEmpty && !ys.isEmpty)
    }
}

extension ErrorBarChart {
    /// The chart as a standalone SVG document.
    ///
    /// Each series is a `<g class="series">` with its `data-key`: the line
    /// through its means, and per point a bar from low to high with caps
    /// and a dot at the mean. Where several series share x values, each is
    /// shifted a few pixels sideways so that their bars do not hide one
    /// another.
    ///
    /// ```swift
    /// let chart = ErrorBarChart(
    ///     title: "eta: test accuracy by eta", xLabel: "eta", yLabel: "test accuracy", xScale: .logarithmic,
    ///     series: [ErrorBarSeries(label: "eta", key: "all", points: [
    ///         ErrorBarPoint(x: 0.1, mean: 0.90, low: 0.89, high: 0.91),
    ///         ErrorBarPoint(x: 1, mean: 0.95, low: 0.94, high: 0.96)])])
    /// try chart.svg().write(toFile: "by-eta.svg", atomically: false, encoding: .utf8)
    /// ```
    func svg() -> String {
        var xs = ChartExtent(xScale), ys = ChartExtent(.linear)
        var pointCount = 0
        for item in series {
            pointCount += item.points.count
            for point in item.points where xs.isDrawable(point.x) && ys.isDrawable(point.mean) {
                xs.include(point.x)
                ys.include(point.mean)
                ys.include(point.low)
                ys.include(point.high)
            }
        }
        let legend = series.prefix(ChartCanvas.legendLimit).enumerated().map { index, item in
            LegendEntry(label: item.label, key: item.key, color: ChartCanvas.color(index), hasMarker: true)
        }
        var canvas = ChartCanvas(
            x: ChartAxis(xs, tickCount: 6), y: ChartAxis(ys, tickCount: 8), legend: legend,
            legendTotal: series.count, capacity: pointCount * 200 + series.count * 300)
        canvas.begin()
        let dodge = series.count > 1 && series.count <= 8 ? 4.0 : 0
        for (index, item) in series.enumerated() {
            let color = ChartCanvas.color(index)
            let shift = (Double(index) - Double(series.count - 1) / 2) * dodge
            let points = item.points.filter { xs.isDrawable($0.x) && ys.isDrawable($0.mean) }
            canvas.out.raw("<g class=\"series\"")
            canvas.out.attribute("data-key", item.key)
            canvas.out.raw(" stroke=\"\(color)\" fill=\"\(color)\">\n<path class=\"line\" stroke-width=\"1.5\" fill=\"none\" d=\"")
            for (position, point) in points.enumerated() {
                if position == 0 {
                    canvas.out.move(canvas.px(point.x) + shift, canvas.py(point.mean))
                } else {
                    canvas.out.line(canvas.px(point.x) + shift, canvas.py(point.mean))
                }
            }
            canvas.out.raw("\"/>\n")
            var caps = SVGWriter(capacity: points.count * 24)
            for point in points where point.low.isFinite && point.high.isFinite {
                let x = canvas.px(point.x) + shift
                canvas.out.raw("<line class=\"bar\"")
                canvas.out.attribute("x1", x)
                canvas.out.attribute("y1", canvas.py(point.low))
                canvas.out.attribute("x2", x)
                canvas.out.attribute("y2", canvas.py(point.high))
                canvas.out.raw(" stroke-width=\"1.2\"/>\n")
                for end in [point.low, point.high] {
                    caps.move(x - 4, canvas.py(end))
                    caps.line(x + 4, canvas.py(end))
                }
            }
            let capsData = caps.string
            if !capsData.isEmpty {
                canvas.out.raw("<path class=\"caps\" stroke-width=\"1.2\" fill=\"none\" d=\"\(capsData)\"/>\n")
            }
            for point in points {
                canvas.out.raw("<circle class=\"mean\"")
                canvas.out.attribute("cx", canvas.px(point.x) + shift)
                canvas.out.attribute("cy", canvas.py(point.mean))
                canvas.out.raw(" r=\"3.5\" stroke=\"#ffffff\" stroke-width=\"1\"/>\n")
            }
            canvas.out.raw("</g>\n")
        }
        return canvas.finish(title: title, xLabel: xLabel, yLabel: yLabel, hasData: !xs.isEmpty)
    }
}

extension ChartCanvas {
    /// A polyline's path data, broken where a point cannot be drawn; returns
    /// the points drawn.
    mutating func lineData(_ points: [ChartPoint], xs: ChartExtent) -> (count: Int, last: ChartPoint?) {
        var count = 0
        var last: ChartPoint?
        var isConnected = false
        for point in points {
            guard xs.isDrawable(point.x), point.y.isFinite else {
                isConnected = false
                continue
            }
            if isConnected {
                out.line(px(point.x), py(point.y))
            } else {
                out.move(px(point.x), py(point.y))
                isConnected = true
            }
            count += 1
            last = point
        }
        return (count, last)
    }

    /// A band's path data: one closed polygon, highs forward and lows back,
    /// per run of drawable points, so that a gap in the data is a gap in the
    /// band rather than a wrong shape across it.
    mutating func bandData(_ band: [ChartBandPoint], xs: ChartExtent) {
        var start = 0
        while start < band.count {
            guard Self.isDrawable(band[start], xs) else {
                start += 1
                continue
            }
            var end = start
            while end + 1 < band.count && Self.isDrawable(band[end + 1], xs) { end += 1 }
            out.move(px(band[start].x), py(band[start].high))
            for index in stride(from: start + 1, through: end, by: 1) {
                out.line(px(band[index].x), py(band[index].high))
            }
            for index in stride(from: end, through: start, by: -1) {
                out.line(px(band[index].x), py(band[index].low))
            }
            out.closePath()
            start = end + 1
        }
    }

    private static func isDrawable(_ point: ChartBandPoint, _ xs: ChartExtent) -> Bool {
        xs.isDrawable(point.x) && point.low.isFinite && point.high.isFinite
    }
}
