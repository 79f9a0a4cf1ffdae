import GRDB

extension SQLiteResultsStore {
    public func configurationSummaries(experiment: String) throws -> [ConfigurationSummary] {
        try read { db in
            try requireExperiment(experiment, in: db)
            let rows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT * FROM config_summary WHERE experiment = ?
                    ORDER BY first_position, hash_version
                    """,
                arguments: [experiment])
            return try Array(rows.map(Self.configurationSummary))
        }
    }

    /// Decodes a row with the columns of `config_summary`.
    private static func configurationSummary(_ row: Row) throws -> ConfigurationSummary {
        func statistics(of accuracy: String) throws -> AccuracyStatistics {
            AccuracyStatistics(
                mean: try row.decode(forColumn: "mean_\(accuracy)"),
                standardDeviation: try row.decode(forColumn: "std_\(accuracy)"),
                minimum: try row.decode(forColumn: "min_\(accuracy)"),
                maximum: try row.decode(forColumn: "max_\(accuracy)"))
        }
        return ConfigurationSummary(
            experiment: try row.decode(forColumn: "experiment"),
            layers: layerSizes(try row.decode(forColumn: "layers")),
            eta: try row.decode(forColumn: "eta"),
            epochs: try row.decode(forColumn: "epochs"),
            batchSize: try row.decode(forColumn: "batch_size"),
            initialization: try row.decode(forColumn: "init"),
            dataset: try row.decode(forColumn: "dataset"),
            trainLimit: try row.decode(forColumn: "train_size"),
            testLimit: try row.decode(forColumn: "test_size"),
            hashVersion: try row.decode(forColumn: "hash_version"),
            seedCount: try row.decode(forColumn: "n_seeds"),
            finalAccuracy: try statistics(of: "final_accuracy"),
            bestAccuracy: try statistics(of: "best_accuracy"),
            firstPosition: try row.decode(forColumn: "first_position"))
    }

    /// `[784, 30, 10]` from the `layers` text `784-30-10`.
    static func layerSizes(_ text: String) -> [Int] {
        text.split(separator: "-").compactMap { Int($0) }
    }
}
