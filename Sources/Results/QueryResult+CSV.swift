extension QueryResult {
    /// The rows as CSV, in the same dialect as the exports: a header row,
    /// RFC 4180 quoting, LF line ends, NULL as an empty field.
    ///
    /// ```swift
    /// print(try store.query("SELECT eta, best_accuracy FROM runs").csv, terminator: "")
    /// ```
    public var csv: String {
        var writer = CSVWriter(header: columns)
        for row in rows { writer.appendRow(row) }
        return writer.text
    }
}
