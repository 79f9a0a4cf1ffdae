/// The SVG document as UTF-8 bytes in one growing buffer.
///
/// A chart of thousands of curves is megabytes of path data; formatting each
/// coordinate into its own `String` and concatenating them costs more than
/// the rest of the rendering together, so numbers are written digit by digit
/// into the buffer and the document becomes a `String` once, at the end.
struct SVGWriter {
    private var bytes: [UInt8] = []
    /// The last point written to a path, in tenths of a pixel: the next
    /// point is written relative to it, which keeps path data short, and as a
    /// difference of rounded positions, so no rounding error accumulates.
    private var pathPosition = (x: 0, y: 0)
    private var isInLineTo = false

    init(capacity: Int) {
        bytes.reserveCapacity(capacity)
    }

    var string: String { String(decoding: bytes, as: UTF8.self) }

    /// Markup written as is: only for text this file's callers spell out.
    mutating func raw(_ markup: String) {
        bytes.append(contentsOf: markup.utf8)
    }

    /// Text that may come from anyone (labels, titles, keys): escaped, so
    /// that it is read as characters in a text node and in a quoted
    /// attribute alike, never as markup.
    mutating func text(_ text: String) {
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "&"): raw("&amp;")
            case UInt8(ascii: "<"): raw("&lt;")
            case UInt8(ascii: ">"): raw("&gt;")
            case UInt8(ascii: "\""): raw("&quot;")
            // &apos; is XML but not HTML 4; the numeric reference is both.
            case UInt8(ascii: "'"): raw("&#39;")
            case 0x09, 0x0A, 0x0D: bytes.append(byte)
            // Other control characters are not allowed in XML 1.0 even as
            // references: a parser would reject the whole chart.
            case 0x00..<0x20: raw("\u{FFFD}")
            default: bytes.append(byte)
            }
        }
    }

    /// ` name="value"` with the value escaped.
    mutating func attribute(_ name: String, _ value: String) {
        bytes.append(UInt8(ascii: " "))
        raw(name)
        raw("=\"")
        text(value)
        bytes.append(UInt8(ascii: "\""))
    }

    /// ` name="value"` for a position or length, to a tenth of a pixel.
    mutating func attribute(_ name: String, _ value: Double) {
        bytes.append(UInt8(ascii: " "))
        raw(name)
        raw("=\"")
        number(value)
        bytes.append(UInt8(ascii: "\""))
    }

    /// A pixel position to one decimal: finer is invisible and only makes
    /// the document longer.
    mutating func number(_ value: Double) {
        tenths(Self.tenths(value))
    }

    static func tenths(_ value: Double) -> Int {
        let scaled = (value * 10).rounded()
        if scaled.isNaN { return 0 }
        return Int(Swift.min(Swift.max(scaled, -1e9), 1e9))
    }

    private mutating func tenths(_ value: Int) {
        var magnitude = value
        if magnitude < 0 {
            bytes.append(UInt8(ascii: "-"))
            magnitude = -magnitude
        }
        integer(magnitude / 10)
        let fraction = magnitude % 10
        if fraction != 0 {
            bytes.append(UInt8(ascii: "."))
            bytes.append(UInt8(ascii: "0") + UInt8(fraction))
        }
    }

    private mutating func integer(_ value: Int) {
        if value >= 10 { integer(value / 10) }
        bytes.append(UInt8(ascii: "0") + UInt8(value % 10))
    }

    // MARK: Path data

    /// Starts a subpath with an absolute position.
    mutating func move(_ x: Double, _ y: Double) {
        let point = (x: Self.tenths(x), y: Self.tenths(y))
        bytes.append(UInt8(ascii: "M"))
        tenths(point.x)
        bytes.append(UInt8(ascii: " "))
        tenths(point.y)
        pathPosition = point
        isInLineTo = false
    }

    /// A straight segment from the last point, as a relative `l`; a run of
    /// them shares one command letter.
    mutating func line(_ x: Double, _ y: Double) {
        let point = (x: Self.tenths(x), y: Self.tenths(y))
        let dx = point.x - pathPosition.x, dy = point.y - pathPosition.y
        if isInLineTo {
            if dx >= 0 { bytes.append(UInt8(ascii: " ")) }
        } else {
            bytes.append(UInt8(ascii: "l"))
            isInLineTo = true
        }
        tenths(dx)
        if dy >= 0 { bytes.append(UInt8(ascii: " ")) }
        tenths(dy)
        pathPosition = point
    }

    mutating func closePath() {
        bytes.append(UInt8(ascii: "Z"))
        isInLineTo = false
    }
}
