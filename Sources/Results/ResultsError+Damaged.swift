import Foundation

extension ResultsError {
    /// A database file SQLite finds damaged, with what it found and the ways
    /// to save what can still be read; the runner writes nothing to such a file.
    ///
    /// ```text
    /// results.sqlite: is damaged (SQLite: Page 4: btreeInitPage() returns error code 11); it was left as it is:
    /// recover what can still be read with `runner recover results.sqlite --to NEW.sqlite`,
    /// or `sqlite3 results.sqlite .recover | sqlite3 NEW.sqlite`
    /// ```
    ///
    /// (one line when rendered.)
    public static func damaged(path: String, finding: String, statement: String? = nil) -> ResultsError {
        let file = quotedForShell(path)
        return ResultsError(
            path: path, message: "is damaged (SQLite: \(finding))", kind: .runtime, statement: statement,
            advice: "it was left as it is: recover what can still be read with `runner recover \(file) --to NEW.sqlite`, "
                + "or `sqlite3 \(file) .recover | sqlite3 NEW.sqlite`")
    }

    /// `text` as one word of a POSIX shell: bare when nothing in it is special.
    private static func quotedForShell(_ text: String) -> String {
        let plain = !text.isEmpty && text.unicodeScalars.allSatisfy { scalar in
            scalar.isASCII && (scalar.properties.isAlphabetic || ("0" ... "9").contains(scalar) || "/._-+=:,@%".unicodeScalars.contains(scalar))
        }
        return plain ? text : "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
