/// A CSV file read back by an RFC 4180 reader written for these tests, so
/// the runner's writer is checked against an independent implementation.
///
/// Quoted fields may hold commas, doubled quotes and line breaks; records end
/// with LF or CRLF; the first record is the header.
struct CSVTable: Equatable {
    let header: [String]
    let rows: [[String]]

    enum ParseError: Error, CustomStringConvertible {
        case unterminatedQuote
        case quoteInsideUnquotedField(record: Int)
        case textAfterClosingQuote(record: Int)
        case missingFinalNewline
        case empty
        case ragged(record: Int, fields: Int, expected: Int)

        var description: String {
            switch self {
            case .unterminatedQuote: "a quoted field runs to the end of the text"
            case .quoteInsideUnquotedField(let record): "record \(record): a quote inside an unquoted field"
            case .textAfterClosingQuote(let record): "record \(record): text after a closing quote"
            case .missingFinalNewline: "the last record does not end with a line break"
            case .empty: "no header record"
            case .ragged(let record, let fields, let expected): "record \(record) has \(fields) fields, the header \(expected)"
            }
        }
    }

    init(header: [String], rows: [[String]]) {
        self.header = header
        self.rows = rows
    }

    init(parsing text: String) throws {
        let records = try Self.records(text)
        guard let header = records.first else { throw ParseError.empty }
        for (index, record) in records.enumerated() where record.count != header.count {
            throw ParseError.ragged(record: index + 1, fields: record.count, expected: header.count)
        }
        self.header = header
        rows = Array(records.dropFirst())
    }

    /// The rows as dictionaries keyed by column name.
    var records: [[String: String]] {
        rows.map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
    }

    private static func records(_ text: String) throws -> [[String]] {
        var records: [[String]] = []
        var record: [String] = []
        var field = ""
        var quoted = false      // inside a quoted field
        var wasQuoted = false   // the current field was quoted and has closed
        var scalars = Array(text.unicodeScalars)[...]
        func endRecord() {
            record.append(field)
            records.append(record)
            record = []
            field = ""
            wasQuoted = false
        }
        while let scalar = scalars.popFirst() {
            if quoted {
                if scalar == "\"" {
                    if scalars.first == "\"" {
                        scalars.removeFirst()
                        field.unicodeScalars.append("\"")
                    } else {
                        quoted = false
                        wasQuoted = true
                    }
                } else {
                    field.unicodeScalars.append(scalar)
                }
                continue
            }
            switch scalar {
            case ",":
                record.append(field)
                field = ""
                wasQuoted = false
            case "\n":
                endRecord()
            case "\r" where scalars.first == "\n":
                scalars.removeFirst()
                endRecord()
            case "\"":
                guard field.isEmpty, !wasQuoted else { throw ParseError.quoteInsideUnquotedField(record: records.count + 1) }
                quoted = true
            default:
                guard !wasQuoted else { throw ParseError.textAfterClosingQuote(record: records.count + 1) }
                field.unicodeScalars.append(scalar)
            }
        }
        if quoted { throw ParseError.unterminatedQuote }
        guard record.isEmpty, field.isEmpty, !wasQuoted else { throw ParseError.missingFinalNewline }
        return records
    }
}
