extension Schema {
    /// A number to sort networks by. `hidden` is text, so `ORDER BY hidden`
    /// puts `100` before `30`; `hidden_total` is the hidden sizes summed
    /// (`30-30` is 60, no hidden layer 0), computed here from `hidden` for
    /// the runs already stored and by registration for new ones. Nothing is
    /// renamed: the views gain the column at the end, their other columns
    /// unchanged, and `config_summary` also groups by it, which changes no
    /// group since it follows from `hidden`.
    static let version5 = """
        ALTER TABLE runs ADD COLUMN hidden_total INTEGER;
        UPDATE runs SET hidden_total = coalesce(
            (SELECT sum(value) FROM json_each('[' || replace(runs.hidden, '-', ',') || ']')), 0)
        WHERE hidden IS NOT NULL AND json_valid('[' || replace(hidden, '-', ',') || ']');

        DROP VIEW run_summary;
        CREATE VIEW run_summary AS
        SELECT e.name AS experiment, r.id AS run_id, r.config_hash, r.layers, r.hidden,
               r.eta, r.epochs, r.batch_size, r.init, r.seed, r.dataset, r.train_size,
               r.test_size, r.status, r.final_accuracy, r.best_accuracy, r.best_epoch,
               r.final_train_cost, r.wall_seconds, er.position, r.hash_version,
               r.cost, r.l2, r.momentum, r.patience, r.eta_halving, r.validation_size,
               r.stop_reason, r.best_validation_accuracy, r.best_validation_epoch,
               r.test_accuracy_at_best_validation, r.hidden_total
        FROM experiment_runs er
        JOIN experiments e ON e.id = er.experiment_id
        JOIN runs r ON r.id = er.run_id;

        DROP VIEW config_summary;
        CREATE VIEW config_summary AS
        WITH done AS (
            SELECT er.experiment_id, er.position, r.layers, r.hidden, r.eta, r.epochs,
                   r.batch_size, r.init, r.dataset, r.train_size, r.test_size, r.hash_version,
                   r.cost, r.l2, r.momentum, r.patience, r.eta_halving, r.validation_size, r.hidden_total,
                   r.final_accuracy, r.best_accuracy, r.best_validation_accuracy,
                   r.test_accuracy_at_best_validation,
                   avg(r.final_accuracy) OVER configuration AS mean_final,
                   avg(r.best_accuracy) OVER configuration AS mean_best,
                   avg(r.best_validation_accuracy) OVER configuration AS mean_best_validation,
                   avg(r.test_accuracy_at_best_validation) OVER configuration AS mean_test_at_best_validation
            FROM experiment_runs er
            JOIN runs r ON r.id = er.run_id
            WHERE r.status = 'done'
            WINDOW configuration AS (
                PARTITION BY er.experiment_id, r.layers, r.hidden, r.eta, r.epochs,
                             r.batch_size, r.init, r.dataset, r.train_size, r.test_size,
                             r.hash_version, r.cost, r.l2, r.momentum, r.patience,
                             r.eta_halving, r.validation_size
            )
        )
        SELECT e.name AS experiment, d.layers, d.hidden, d.eta, d.epochs, d.batch_size,
               d.init, d.dataset, d.train_size, d.test_size,
               count(*) AS n_seeds,
               avg(d.final_accuracy) AS mean_final_accuracy,
               CASE WHEN count(d.final_accuracy) > 1 THEN
                   sqrt(sum((d.final_accuracy - d.mean_final) * (d.final_accuracy - d.mean_final))
                        / (count(d.final_accuracy) - 1))
               END AS std_final_accuracy,
               min(d.final_accuracy) AS min_final_accuracy,
               max(d.final_accuracy) AS max_final_accuracy,
               avg(d.best_accuracy) AS mean_best_accuracy,
               CASE WHEN count(d.best_accuracy) > 1 THEN
                   sqrt(sum((d.best_accuracy - d.mean_best) * (d.best_accuracy - d.mean_best))
                        / (count(d.best_accuracy) - 1))
               END AS std_best_accuracy,
               min(d.best_accuracy) AS min_best_accuracy,
               max(d.best_accuracy) AS max_best_accuracy,
               min(d.position) AS first_position,
               d.hash_version,
               d.cost, d.l2, d.momentum, d.patience, d.eta_halving, d.validation_size,
               avg(d.best_validation_accuracy) AS mean_best_validation_accuracy,
               CASE WHEN count(d.best_validation_accuracy) > 1 THEN
                   sqrt(sum((d.best_validation_accuracy - d.mean_best_validation)
                            * (d.best_validation_accuracy - d.mean_best_validation))
                        / (count(d.best_validation_accuracy) - 1))
               END AS std_best_validation_accuracy,
               min(d.best_validation_accuracy) AS min_best_validation_accuracy,
               max(d.best_validation_accuracy) AS max_best_validation_accuracy,
               avg(d.test_accuracy_at_best_validation) AS mean_test_accuracy_at_best_validation,
               CASE WHEN count(d.test_accuracy_at_best_validation) > 1 THEN
                   sqrt(sum((d.test_accuracy_at_best_validation - d.mean_test_at_best_validation)
                            * (d.test_accuracy_at_best_validation - d.mean_test_at_best_validation))
                        / (count(d.test_accuracy_at_best_validation) - 1))
               END AS std_test_accuracy_at_best_validation,
               min(d.test_accuracy_at_best_validation) AS min_test_accuracy_at_best_validation,
               max(d.test_accuracy_at_best_validation) AS max_test_accuracy_at_best_validation,
               d.hidden_total
        FROM done d
        JOIN experiments e ON e.id = d.experiment_id
        GROUP BY d.experiment_id, d.layers, d.hidden, d.eta, d.epochs, d.batch_size,
                 d.init, d.dataset, d.train_size, d.test_size, d.hash_version,
                 d.cost, d.l2, d.momentum, d.patience, d.eta_halving, d.validation_size, d.hidden_total;
        """
}
