import Foundation
import Results

/// Stored runs as `runner list NAME`, `list --orphans` and `gc` print them:
/// one row each, with the settings that tell them apart.
///
/// ```text
/// id  config_hash   eta  seed  status  best_validation    test
/// --  ------------  ---  ----  ------  ---------------  ------
///  1  3af8005c41d2  1.0     1  done             0.8911  0.8852
/// ```
enum RunListing {
    /// A run's status, or `stale` for a `running` one whose process is gone.
    static func status(_ run: StoredRun, stale: Set<Int64>) -> String {
        run.status == .running && stale.contains(run.id) ? "stale" : run.status.rawValue
    }

    /// An experiment's runs: id, config_hash prefix, the settings that vary
    /// among them, seed, status, best validation accuracy and the test
    /// accuracy in that epoch; without a validation set, the best test
    /// accuracy marked `*` (`testChosen`).
    static func runs(_ runs: [StoredRun], stale: Set<Int64>) -> (table: String, testChosen: Bool) {
        let settings = RunSetting.varying(among: runs.map(\.record))
        var testChosen = false
        let rows = runs.map { run -> [String] in
            var test = run.testAccuracyAtBestValidation.map(fixed) ?? "-"
            if run.bestValidationAccuracy == nil, let best = run.bestAccuracy {
                test = fixed(best) + RankedConfigurations.testChosenMark
                testChosen = true
            }
            return [String(run.id), String(run.record.configHash.prefix(12))]
                + settings.map { $0.value(of: run.record) ?? "-" }
                + [String(run.record.seed), status(run, stale: stale), run.bestValidationAccuracy.map(fixed) ?? "-", test]
        }
        let columns = ["id", "config_hash"] + settings.map(\.rawValue) + ["seed", "status", "best_validation", "test"]
        return (TextTable(columns: columns, rows: rows).render(), testChosen)
    }

    /// Runs of no experiment, which may come from several: the experiment
    /// that created each, the settings every report shows and any other that
    /// varies among them, and the epochs each has recorded (what gc deletes).
    static func orphans(_ runs: [StoredRun], stale: Set<Int64>, reader: any ResultsReader) throws -> String {
        let always: [RunSetting] = [.layers, .eta, .epochs, .batch, .initialization]
        let settings = always + RunSetting.varying(among: runs.map(\.record)).filter { !always.contains($0) }
        let rows = try runs.map { run -> [String] in
            [String(run.id), String(run.record.configHash.prefix(12)), run.experiment]
                + settings.map { $0.value(of: run.record) ?? "-" }
                + [String(run.record.seed), status(run, stale: stale), String(try reader.epochs(runID: run.id).count)]
        }
        let columns = ["id", "config_hash", "created_by"] + settings.map(\.rawValue)
            + ["seed", "status", "recorded_epochs"]
        return TextTable(columns: columns, rows: rows).render()
    }

    /// Four decimals, as every accuracy in a listing.
    static func fixed(_ value: Double) -> String {
        String(format: "%.4f", value)
    }
}
