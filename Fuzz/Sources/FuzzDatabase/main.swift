import FuzzSupport
import Results

/// The reads of `runner list` (with and without an experiment's name) and
/// `runner show` (by id and by config_hash prefix).
private func readAsListAndShow(_ reader: any ResultsReader) throws {
    _ = try reader.runningRuns()
    _ = try reader.orphanedRuns()
    for experiment in try reader.overview().prefix(8) {
        _ = try? reader.bestConfigurations(experiment: experiment.name, limit: 1, decimals: 4)
        for run in try reader.runs(experiment: experiment.name).prefix(8) {
            _ = try reader.run(id: run.id)
            _ = try reader.runs(configHashPrefix: String(run.record.configHash.prefix(6)))
            _ = try reader.epochs(runID: run.id)
            _ = try reader.decisions(runID: run.id)
        }
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    InputFile.with(start, count, name: "results.sqlite") { path in
        if let store = try? SQLiteResultsStore(path: path, readOnly: true) {
            try? readAsListAndShow(store)
            try? store.close()
        }
    }
    return 0
}
