import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import XCTest
@testable import Dashboard

final class ChartRenderingTests: XCTestCase {
    static func curve(_ key: String, label: String? = nil, points: Int = 5, band: Bool = true, seeds: Int = 0) -> ChartLine {
        let xs = (1...max(points, 1)).prefix(points).map(Double.init)
        return ChartLine(
            label: label ?? "line \(key)", key: key,
            points: xs.map { ChartPoint(x: $0, y: 0.9 + 0.01 * $0) },
            band: band ? xs.map { ChartBandPoint(x: $0, low: 0.89 + 0.01 * $0, high: 0.91 + 0.01 * $0) } : [],
            seeds: (0..<seeds).map { seed in xs.map { ChartPoint(x: $0, y: 0.9 + 0.01 * $0 + 0.002 * Double(seed)) } })
    }

    func testEachLineHasOneMeanPathItsBandAndItsSeeds() throws {
        let chart = LineChart(title: "curves", xLabel: "epoch", yLabel: "accuracy", lines: [
            Self.curve("a", seeds: 3), Self.curve("b", band: false, seeds: 2), Self.curve("c"),
        ])
        let svg = try SVGDocument(chart.svg())
        XCTAssertEqual(svg.elements(class: "line").map { $0.attributes["data-key"] }, ["a", "b", "c"])
        XCTAssertEqual(svg.elements(class: "band").map { $0.attributes["data-key"] }, ["a", "c"])
        XCTAssertEqual(svg.elements(class: "seed").map { $0.attributes["data-key"] }, ["a", "a", "a", "b", "b"])
        XCTAssertTrue(svg.elements(class: "line").allSatisfy { $0.name == "path" && $0.attributes["fill"] == "none" })
        XCTAssertEqual(svg.elements(class: "band").first?.attributes["fill-opacity"], "0.18")
        XCTAssertEqual(svg.elements(class: "seed").first?.attributes["stroke-opacity"], "0.5")
        // Band, seeds, then mean, line by line, in the document's order.
        XCTAssertEqual(
            svg.all.filter { $0.attributes["data-key"] == "a" && $0.name == "path" }.map { $0.attributes["class"] },
            ["band", "seed", "seed", "seed", "line"])
        // The palette's first two colours, one per line.
        XCTAssertEqual(svg.elements(class: "line").map { $0.attributes["stroke"] }, ["#1f77b4", "#ff7f0e", "#2ca02c"])
    }

    func testTheRootIsAStandaloneSVGWithTitleAndAxisLabels() throws {
        let chart = LineChart(title: "eta: accuracy", xLabel: "epoch", yLabel: "test accuracy", lines: [Self.curve("a")])
        let svg = try SVGDocument(chart.svg())
        XCTAssertEqual(svg.root.name, "svg")
        XCTAssertEqual(svg.root.attributes["xmlns"], "http://www.w3.org/2000/svg")
        XCTAssertEqual(svg.root.attributes["class"], "chart")
        let width = try XCTUnwrap(svg.root.attributes["width"]), height = try XCTUnwrap(svg.root.attributes["height"])
        XCTAssertEqual(svg.root.attributes["viewBox"], "0 0 \(width) \(height)")
        XCTAssertGreaterThan(Int(width) ?? 0, 720)
        XCTAssertEqual(height, "420")
        XCTAssertEqual(svg.root.children.first?.name, "rect")
        XCTAssertEqual(svg.root.children.first?.attributes["fill"], "#ffffff")
        XCTAssertEqual(svg.elements(class: "title").map(\.text), ["eta: accuracy"])
        XCTAssertEqual(svg.elements(class: "axis-label").map(\.text), ["epoch", "test accuracy"])
        XCTAssertEqual(svg.elements(class: "x-axis").first?.children.map(\.text), ["1", "2", "3", "4", "5"])
        XCTAssertEqual(svg.elements(class: "y-axis").first?.children.map(\.text), ["0.9", "0.91", "0.92", "0.93", "0.94", "0.95", "0.96"])
    }

    func testLabelsTitlesAndKeysAreEscaped() throws {
        let markup = "<img src=x onerror=alert(1)>"
        let quoted = "a & b \"c\" 'd'"
        let chart = LineChart(title: markup, xLabel: quoted, yLabel: markup, lines: [
            Self.curve(quoted, label: markup), Self.curve(markup, label: quoted),
        ])
        let text = chart.svg()
        XCTAssertTrue(text.contains("&lt;img src=x onerror=alert(1)&gt;"))
        XCTAssertTrue(text.contains("a &amp; b &quot;c&quot; &#39;d&#39;"))
        XCTAssertFalse(text.contains("<img"))
        XCTAssertFalse(text.contains("a & b"))
        XCTAssertFalse(text.contains("\"c\""))
        let svg = try SVGDocument(text)
        XCTAssertEqual(svg.elements(class: "title").map(\.text), [markup])
        XCTAssertEqual(svg.elements(class: "line").map { $0.attributes["data-key"] }, [quoted, markup])
        XCTAssertEqual(svg.elements(class: "legend-entry").map { $0.children.last?.text }, [markup, quoted])

        let bars = ErrorBarChart(title: markup, xLabel: quoted, yLabel: "y", series: [
            ErrorBarSeries(label: markup, key: quoted, points: [ErrorBarPoint(x: 1, mean: 2, low: 1, high: 3)]),
        ]).svg()
        XCTAssertFalse(bars.contains("<img"))
        XCTAssertTrue(bars.contains("data-key=\"a &amp; b &quot;c&quot; &#39;d&#39;\""))
    }

    func testControlCharactersInLabelsKeepTheDocumentWellFormed() throws {
        let chart = LineChart(title: "a\u{1}b", xLabel: "x", yLabel: "y", lines: [Self.curve("k", label: "tab\there\u{0}")])
        XCTAssertEqual(try SVGDocument(chart.svg()).elements(class: "title").map(\.text), ["a\u{FFFD}b"])
    }

    func testALogarithmicAxisHasTicksAtPowersOfTenAndLeavesOutValuesAtOrBelowZero() throws {
        let values = [0.01, 0.03, 0.1, 0.3, 1, 3, 10, 30]
        let chart = LineChart(title: "by eta", xLabel: "eta", yLabel: "accuracy", xScale: .logarithmic, lines: [
            ChartLine(label: "all", key: "all", points: [ChartPoint(x: 0, y: 0.5), ChartPoint(x: -1, y: 0.5)]
                + values.map { ChartPoint(x: $0, y: 0.9) }),
        ])
        let svg = try SVGDocument(chart.svg())
        XCTAssertEqual(svg.elements(class: "x-axis").first?.children.map(\.text), ["0.01", "0.1", "1", "10"])
        // The y axis is around 0.9 alone: the points at x ≤ 0 are not drawn.
        XCTAssertEqual(svg.elements(class: "y-axis").first?.children.map(\.text).contains("0.5"), false)
        let path = try XCTUnwrap(svg.elements(class: "line").first?.attributes["d"])
        XCTAssertEqual(path.filter { $0 == "M" }.count, 1)
    }

    func testAConstantSeriesRenders() throws {
        let chart = LineChart(title: "flat", xLabel: "epoch", yLabel: "accuracy", lines: [
            ChartLine(label: "flat", key: "f", points: (1...4).map { ChartPoint(x: Double($0), y: 0.5) },
                      band: (1...4).map { ChartBandPoint(x: Double($0), low: 0.5, high: 0.5) }),
        ])
        let svg = try SVGDocument(chart.svg())
        let path = try XCTUnwrap(svg.elements(class: "line").first?.attributes["d"])
        XCTAssertTrue(path.hasPrefix("M"))
        XCTAssertGreaterThan(svg.elements(class: "y-axis").first?.children.count ?? 0, 2)
        XCTAssertEqual(svg.elements(class: "no-data").count, 0)

        let single = LineChart(title: "one", xLabel: "epoch", yLabel: "accuracy", lines: [
            ChartLine(label: "one", key: "o", points: [ChartPoint(x: 1, y: 0.5)]),
        ])
        let one = try SVGDocument(single.svg())
        XCTAssertEqual(one.elements(class: "line").count, 1)
        XCTAssertEqual(one.elements(class: "marker").count, 1)
    }

    func testNaNAndInfinitiesAreNeverWritten() throws {
        let chart = LineChart(title: "gaps", xLabel: "epoch", yLabel: "loss", lines: [
            ChartLine(
                label: "gaps", key: "g",
                points: [ChartPoint(x: 1, y: 1), ChartPoint(x: 2, y: .nan), ChartPoint(x: 3, y: 0.5), ChartPoint(x: .infinity, y: 1), ChartPoint(x: 4, y: 0.4)],
                band: [ChartBandPoint(x: 1, low: 0.9, high: 1.1), ChartBandPoint(x: 2, low: .nan, high: 1), ChartBandPoint(x: 3, low: 0.4, high: .infinity)],
                seeds: [[ChartPoint(x: .nan, y: .nan), ChartPoint(x: 1, y: -.infinity)]]),
            ChartLine(label: "all missing", key: "n", points: [ChartPoint(x: .nan, y: .nan)]),
        ])
        let text = chart.svg()
        for word in ["nan", "NaN", "inf"] { XCTAssertFalse(text.contains(word), word) }
        let svg = try SVGDocument(text)
        // The NaN and the infinite x each break the line: three pieces.
        XCTAssertEqual(svg.elements(class: "line").first?.attributes["d"]?.filter { $0 == "M" }.count, 3)
        // Band points with a missing low or high are left out: one piece, at x = 1.
        XCTAssertEqual(svg.elements(class: "band").first?.attributes["d"]?.filter { $0 == "Z" }.count, 1)
        XCTAssertEqual(svg.elements(class: "line").last?.attributes["d"], "")
        XCTAssertEqual(svg.elements(class: "line").count, 2)

        let bars = ErrorBarChart(title: "bars", xLabel: "eta", yLabel: "accuracy", xScale: .logarithmic, series: [
            ErrorBarSeries(label: "s", key: "s", points: [
                ErrorBarPoint(x: 0, mean: 1, low: 0, high: 2), ErrorBarPoint(x: 0.1, mean: .nan, low: 0, high: 1),
                ErrorBarPoint(x: 1, mean: 0.9, low: .nan, high: 0.95), ErrorBarPoint(x: 10, mean: 0.8, low: 0.7, high: 0.9),
            ]),
        ]).svg()
        for word in ["nan", "NaN", "inf"] { XCTAssertFalse(bars.contains(word), word) }
        let barDocument = try SVGDocument(bars)
        XCTAssertEqual(barDocument.elements(class: "mean").count, 2)
        XCTAssertEqual(barDocument.elements(class: "bar").count, 1)
    }

    func testAChartWithoutPointsShowsItsFrameAndSaysSo() throws {
        for chart in [
            LineChart(title: "nothing", xLabel: "epoch", yLabel: "accuracy", lines: []),
            LineChart(title: "nothing", xLabel: "epoch", yLabel: "accuracy", lines: [ChartLine(label: "empty", key: "e", points: [])]),
        ] {
            let svg = try SVGDocument(chart.svg())
            XCTAssertEqual(svg.elements(class: "no-data").map(\.text), ["no data yet"])
            XCTAssertEqual(svg.elements(class: "title").map(\.text), ["nothing"])
            XCTAssertEqual(svg.elements(class: "axis-label").count, 2)
            XCTAssertEqual(svg.elements(class: "line").count, chart.lines.count)
            XCTAssertEqual(svg.elements(class: "line").first.map { $0.attributes["d"] }, chart.lines.isEmpty ? nil : "")
        }
        let bars = try SVGDocument(ErrorBarChart(title: "none", xLabel: "eta", yLabel: "y", xScale: .logarithmic, series: []).svg())
        XCTAssertEqual(bars.elements(class: "no-data").count, 1)
    }

    func testALongLegendShowsTwentyEntriesAndCountsTheRest() throws {
        let chart = LineChart(title: "many", xLabel: "epoch", yLabel: "accuracy", lines: (0..<25).map { Self.curve("k\($0)") })
        let svg = try SVGDocument(chart.svg())
        let legend = try XCTUnwrap(svg.elements(class: "legend").first)
        XCTAssertEqual(legend.descendants.filter { $0.attributes["class"] == "legend-entry" }.count, 20)
        XCTAssertEqual(svg.elements(class: "legend-more").map(\.text), ["and 5 more"])
        XCTAssertEqual(svg.elements(class: "line").count, 25)
        // The palette cycles.
        XCTAssertEqual(svg.elements(class: "line")[10].attributes["stroke"], svg.elements(class: "line")[0].attributes["stroke"])

        let twenty = try SVGDocument(LineChart(title: "t", xLabel: "x", yLabel: "y", lines: (0..<20).map { Self.curve("k\($0)") }).svg())
        XCTAssertEqual(twenty.elements(class: "legend-entry").count, 20)
        XCTAssertEqual(twenty.elements(class: "legend-more").count, 0)
    }

    func testErrorBarSeriesHoldTheirLineBarsAndMeans() throws {
        let chart = ErrorBarChart(title: "by eta", xLabel: "eta", yLabel: "accuracy", xScale: .logarithmic, series: [
            ErrorBarSeries(label: "30 hidden", key: "h30", points: [0.1, 1, 3].map { ErrorBarPoint(x: $0, mean: 0.9, low: 0.88, high: 0.92) }),
            ErrorBarSeries(label: "100 hidden", key: "h100", points: [0.1, 1].map { ErrorBarPoint(x: $0, mean: 0.95, low: 0.94, high: 0.96) }),
        ])
        let svg = try SVGDocument(chart.svg())
        let series = svg.elements(class: "series")
        XCTAssertEqual(series.map { $0.attributes["data-key"] }, ["h30", "h100"])
        XCTAssertEqual(series.map { $0.children.filter { $0.attributes["class"] == "line" }.count }, [1, 1])
        XCTAssertEqual(series.map { $0.children.filter { $0.attributes["class"] == "bar" && $0.name == "line" }.count }, [3, 2])
        XCTAssertEqual(series.map { $0.children.filter { $0.attributes["class"] == "mean" && $0.name == "circle" }.count }, [3, 2])
        XCTAssertEqual(svg.elements(class: "x-axis").first?.children.map(\.text), ["0.1", "0.2", "0.5", "1", "2"])
        XCTAssertEqual(svg.elements(class: "legend-entry").map { $0.children.last?.text }, ["30 hidden", "100 hidden"])
    }

    func testTheSameChartGivesTheSameBytes() {
        let chart = LineChart(title: "same", xLabel: "epoch", yLabel: "accuracy", lines: (0..<30).map { Self.curve("k\($0)", seeds: 2) })
        XCTAssertEqual(chart.svg(), chart.svg())
        let bars = ErrorBarChart(title: "same", xLabel: "eta", yLabel: "accuracy", series: [
            ErrorBarSeries(label: "s", key: "s", points: [ErrorBarPoint(x: 1, mean: 2, low: 1, high: 3)]),
        ])
        XCTAssertEqual(bars.svg(), bars.svg())
    }

    func testPathDataIsShort() throws {
        let chart = LineChart(title: "size", xLabel: "epoch", yLabel: "accuracy", lines: (0..<100).map { Self.curve("k\($0)", points: 30) })
        let svg = try SVGDocument(chart.svg())
        let path = try XCTUnwrap(svg.elements(class: "line").first?.attributes["d"])
        // One decimal at most in every number.
        XCTAssertNil(path.range(of: #"\.\d\d"#, options: .regularExpression))
        XCTAssertLessThan(path.utf8.count, 30 * 12)
    }

    /// Thousands of lines, as an experiment of 10,000 runs draws: every
    /// configuration keeps its line and band (its speed is `make bench`'s).
    func testThreeThousandLinesAreAllDrawn() {
        let chart = LineChart(title: "big", xLabel: "epoch", yLabel: "accuracy", lines: (0..<3000).map { index in
            var line = Self.curve("k\(index)", points: 30)
            line.points = line.points.map { ChartPoint(x: $0.x, y: $0.y + Double(index) * 1e-5) }
            return line
        })
        let svg = chart.svg()
        XCTAssertEqual(svg.components(separatedBy: "class=\"line\"").count - 1, 3000)
        XCTAssertEqual(svg.components(separatedBy: "class=\"band\"").count - 1, 3000)
        XCTAssertEqual(svg, chart.svg(), "the same chart, the same bytes")
    }
}

/// The parsed SVG, as a tree: parsing it at all is the test that the
/// output is well-formed XML.
struct SVGDocument {
    final class Element {
        let name: String
        let attributes: [String: String]
        var children: [Element] = []
        var text = ""
        init(name: String, attributes: [String: String]) {
            self.name = name
            self.attributes = attributes
        }

        var descendants: [Element] { children.flatMap { [$0] + $0.descendants } }
    }

    let root: Element

    init(_ text: String) throws {
        let builder = Builder()
        let parser = XMLParser(data: Data(text.utf8))
        parser.delegate = builder
        guard parser.parse(), let root = builder.root else {
            throw NSError(domain: "SVGDocument", code: 1, userInfo: [
                NSLocalizedDescriptionKey: "not well-formed: \(parser.parserError.map(String.init(describing:)) ?? "no root")",
            ])
        }
        self.root = root
    }

    var all: [Element] { [root] + root.descendants }

    func elements(class name: String) -> [Element] {
        all.filter { ($0.attributes["class"] ?? "").split(separator: " ").first.map(String.init) == name }
    }

    private final class Builder: NSObject, XMLParserDelegate {
        var root: Element?
        var stack: [Element] = []

        func parser(
            _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
            attributes: [String: String] = [:]
        ) {
            let element = Element(name: elementName, attributes: attributes)
            stack.last?.children.append(element)
            if root == nil { root = element }
            stack.append(element)
        }

        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
            stack.removeLast()
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            stack.last?.text += string
        }
    }
}
