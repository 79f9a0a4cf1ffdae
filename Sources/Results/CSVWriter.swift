/// Builds one RFC 4180 CSV file in memory: a header row, LF line ends, a
/// final newline, fields quoted only when they hold a comma, quote, CR or LF
/// (quotes doubled), NULL as an empty field.
///
/// Written here rather than taken from the CSV.swift package because that
/// writer emits one byte per call (about 1 MB/s); exporting 1,000 runs of 30
/// epochs must take well under a second, so each file is built in one
/// string and written once.
struct CSVWriter {
    private(set) var text = ""

    init(header: [String]) {
        appendRow(header)
    }

    mutating func appendRow(_ fields: some Sequence<String?>) {
        var first = true
        for field in fields {
            if !first { text.append(",") }
            first = false
            if let field { text.append(Self.escaped(field)) }
        }
        text.append("\n")
    }

    static func escaped(_ field: String) -> String {
        let needsQuotes = field.utf8.contains { byte in
            byte == UInt8(ascii: ",") || byte == UInt8(ascii: "\"")
                || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r")
        }
        guard needsQuotes else { return field }
        var quoted = "\""
        for character in field.unicodeScalars {
            if character == "\"" { quoted.append("\"") }
            quoted.unicodeScalars.append(character)
        }
        quoted.append("\"")
        return quoted
    }
}
