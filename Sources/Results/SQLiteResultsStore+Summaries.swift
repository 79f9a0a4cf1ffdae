import GRDB

extension SQLiteResultsStore {
    public func configurationSummaries(experiment: String) throws -> [ConfigurationSummary] {
        try read { db in
            try requireExperiment(experiment, in: db)
            let rows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT * FROM config_summary WHERE experiment = ?
                    ORDER BY first_position, hash_version, validation_size
                    """,
                arguments: [experiment])
            return try Array(rows.map(Self.configurationSummary))
        }
    }

    public func bestConfigurations(experiment: String, limit: Int, decimals: Int?) throws -> [ConfigurationSummary] {
        // Rounded by SQLite's round(), which rounds as the closing report's
        // printf('%.4f') in SQL did: a decimal half-way case up, whatever its
        // binary approximation. Swift's String(format:) rounds the binary value
        // (0.9123 for the mean of 0.9123 and 0.9124, printed 0.9124 until now);
        // the double round() returns formats back to the same digits.
        let accuracies = ["final_accuracy", "best_accuracy", "best_validation_accuracy", "test_accuracy_at_best_validation"]
        let statistics = accuracies.flatMap { accuracy in
            ["mean", "std", "min", "max"].map { statistic in
                let column = "\(statistic)_\(accuracy)"
                return decimals == nil ? "s.\(column)" : "round(s.\(column), :decimals) AS \(column)"
            }
        }
        var arguments: StatementArguments = ["experiment": experiment, "limit": limit]
        if let decimals { arguments += ["decimals": decimals] }
        return try read { db in
            try requireExperiment(experiment, in: db)
            // Ordered by the unrounded mean, as the report always was: of
            // the best validation accuracy, and after every configuration
            // that has one, of the best test accuracy for those without.
            let rows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT s.experiment, s.layers, s.eta, s.epochs, s.batch_size, s.init, s.dataset, s.train_size,
                           s.test_size, s.hash_version, s.cost, s.l2, s.momentum, s.patience, s.eta_halving,
                           s.validation_size, s.n_seeds, s.first_position, \(statistics.joined(separator: ", "))
                    FROM config_summary s WHERE s.experiment = :experiment
                    ORDER BY s.mean_best_validation_accuracy IS NULL,
                             coalesce(s.mean_best_validation_accuracy, s.mean_best_accuracy) DESC,
                             s.first_position, s.hash_version
                    LIMIT :limit
                    """,
                arguments: arguments)
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
            cost: try row.decode(forColumn: "cost"),
            l2: try row.decode(forColumn: "l2"),
            momentum: try row.decode(forColumn: "momentum"),
            patience: try row.decode(forColumn: "patience"),
            etaHalving: try row.decode(forColumn: "eta_halving"),
            validationLimit: try row.decode(forColumn: "validation_size"),
            seedCount: try row.decode(forColumn: "n_seeds"),
            finalAccuracy: try statistics(of: "final_accuracy"),
            bestAccuracy: try statistics(of: "best_accuracy"),
            bestValidationAccuracy: try statistics(of: "best_validation_accuracy"),
            testAccuracyAtBestValidation: try statistics(of: "test_accuracy_at_best_validation"),
            firstPosition: try row.decode(forColumn: "first_position"))
    }

    /// `[784, 30, 10]` from the `layers` text `784-30-10`.
    static func layerSizes(_ text: String) -> [Int] {
        text.split(separator: "-").compactMap { Int($0) }
    }
}
