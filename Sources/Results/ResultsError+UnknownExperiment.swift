extension ResultsError {
    /// An experiment name the database does not have, with the names it
    /// does have, since a typo is the usual cause:
    /// `no experiment named 'nope'; the database has eta, smoke`.
    public static func noExperiment(named name: String, known: [String], path: String) -> ResultsError {
        let names = known.sorted()
        let have = names.isEmpty ? "the database has no experiments" : "the database has " + names.joined(separator: ", ")
        return ResultsError(path: path, message: "no experiment named '\(name)'; \(have)", kind: .input)
    }
}
