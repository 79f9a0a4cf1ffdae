import Results

/// What `runner recover` printed: what came back, then what was lost, a line each.
///
/// ```text
/// recovered results.sqlite into new.sqlite with sqlite3's .recover: 1 experiment, 4 runs, 18 of 24 epochs
/// run 2 (5d41402abc4b, done): 0 of 6 epochs
/// lost run 7: its row in runs; 6 of its epochs were read, kept in epochs
/// 3 rows sqlite3 could not place in a table are in lost_and_found
/// ```
enum RecoveryText {
    static func lines(_ report: RecoveryReport, from damaged: String, into destination: String) -> [String] {
        let method: String
        switch report.method {
        case .sqliteRecover: method = "sqlite3's .recover"
        case .tableByTable(let reason): method = "a table-by-table copy (\(reason))"
        }
        let contents = report.recovered
        var lines = ["recovered \(damaged) into \(destination) with \(method): "
            + "\(ContentsText.count(contents.experiments, "experiment")), \(ContentsText.count(contents.runs, "run")), "
            + "\(contents.epochs) of \(report.expectedEpochs) epochs"]
        for run in report.incompleteRuns {
            lines.append("\(IntegrityProblemText.name(run.run)): \(run.recovered) of \(run.expected) epochs")
        }
        for run in report.lostRuns {
            lines.append("lost run \(run.id): its row in runs; \(IntegrityProblemText.epochs(run.epochs)) of it were read, kept in epochs")
        }
        if report.lostAndFound > 0 {
            lines.append("\(report.lostAndFound) row\(report.lostAndFound == 1 ? "" : "s") sqlite3 could not place in a table "
                + "\(report.lostAndFound == 1 ? "is" : "are") in lost_and_found")
        }
        if report.incompleteRuns.isEmpty && report.lostRuns.isEmpty && report.lostAndFound == 0 {
            lines.append("nothing the recovered rows name was lost")
        }
        return lines
    }
}
