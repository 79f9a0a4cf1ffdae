import GRDB

/// # Results database schema
///
/// The SQLite file is a product surface: read it with `sqlite3`, pandas or
/// the store's read-only queries. Table, column and view names below are a public contract;
/// changes come as new migrations, never edits to applied ones. Timestamps are
/// ISO 8601 UTC text with milliseconds (`2025-01-31T12:00:00.000Z`).
///
/// ## `experiments` — one row per experiment file
/// | column | type | meaning |
/// |---|---|---|
/// | `id` | INTEGER PRIMARY KEY | |
/// | `name` | TEXT NOT NULL UNIQUE | experiment name; its identity |
/// | `description` | TEXT | from the spec; replaced when a new version is registered |
/// | `spec_yaml` | TEXT | the spec as last registered: the current version |
/// | `spec_sha256` | TEXT | hex SHA-256 of `spec_yaml` |
/// | `created_at` | TEXT | first registration |
///
/// A name is registered with one spec: registering it with another (another
/// `spec_sha256`) is refused unless the caller replaces the spec, which
/// makes a new version (see `experiment_versions`).
///
/// ## `experiment_versions` — every registered version of each experiment's spec
/// | column | type | meaning |
/// |---|---|---|
/// | `id` | INTEGER PRIMARY KEY | in registration order |
/// | `experiment_id` | INTEGER NOT NULL → experiments (ON DELETE CASCADE) | |
/// | `spec_yaml` | TEXT | the spec as registered |
/// | `spec_sha256` | TEXT | hex SHA-256 of `spec_yaml` |
/// | `registered_at` | TEXT | when this version was registered; for the one version of an experiment registered before the table existed (schema v3 and earlier), the experiment's `created_at` |
/// | `source_path` | TEXT | the spec's file as given to the sweep that registered it; NULL when unknown |
///
/// A row is added when an experiment is first registered and each time its
/// spec is replaced; registering the same spec again adds none. The
/// experiment's current version, also in `experiments.spec_yaml`, is its
/// row with the highest `id`.
///
/// ## `runs` — one row per distinct configuration (shared across experiments)
/// | column | type | meaning |
/// |---|---|---|
/// | `id` | INTEGER PRIMARY KEY | |
/// | `experiment_id` | INTEGER → experiments | the experiment that first created the run |
/// | `config_hash` | TEXT NOT NULL UNIQUE | the run's identity (excludes the experiment name) |
/// | `layers` | TEXT | layer sizes joined by `-`, e.g. `784-30-10` |
/// | `hidden` | TEXT | hidden sizes joined by `-`, e.g. `30`; `''` when none |
/// | `eta` | REAL | learning rate |
/// | `epochs` | INTEGER | epochs requested |
/// | `batch_size` | INTEGER | mini-batch size |
/// | `seed` | INTEGER | random seed |
/// | `init` | TEXT | weight initialization |
/// | `dataset` | TEXT | dataset name |
/// | `train_size` | INTEGER | training examples used |
/// | `test_size` | INTEGER | test examples used |
/// | `params_json` | TEXT | full configuration as JSON |
/// | `status` | TEXT NOT NULL | `pending`, `running`, `done`, `failed`, `diverged` or `pruned` (stopped between rungs by early stopping; see `decisions`) |
/// | `error` | TEXT | why a run failed or diverged |
/// | `final_accuracy` | REAL | last epoch's test accuracy (0–1) |
/// | `best_accuracy` | REAL | highest test accuracy over epochs |
/// | `best_epoch` | INTEGER | first epoch reaching `best_accuracy` |
/// | `final_train_cost` | REAL | last epoch's training cost |
/// | `wall_seconds` | REAL | wall-clock training time; a continued run adds its earlier epochs' `seconds` |
/// | `started_at` | TEXT | when the run was last claimed |
/// | `finished_at` | TEXT | when it last finished |
/// | `runner_version` | TEXT | version of the runner that trained it |
/// | `git_commit` | TEXT | commit of the working directory it ran in, `-dirty` with uncommitted changes; NULL outside a repository |
/// | `host` | TEXT | host that trained it |
/// | `owner_pid` | INTEGER | process that trained it |
/// | `heartbeat_at` | TEXT | last sign of life while running |
/// | `kernels` | TEXT | kernel variant that trained it: `avx512`, `avx2` or `portable`; NULL until claimed, and for runs trained before it was recorded |
/// | `hash_version` | INTEGER | the arithmetic the run's numbers come from: `hash_version` of `params_json` |
/// | `cost` | TEXT NOT NULL | `quadratic`, `cross_entropy` or `log_likelihood`; `quadratic` for runs registered before it was recorded |
/// | `l2` | REAL NOT NULL | L2 regularisation λ; 0 is none, and for runs registered before it was recorded |
/// | `momentum` | REAL NOT NULL | momentum μ; 0 is none, and for runs registered before it was recorded |
/// | `patience` | INTEGER | stop after this many epochs without a new best validation accuracy; NULL is never |
/// | `eta_halving` | INTEGER | halve η after this many epochs without a new best validation accuracy; NULL is never |
/// | `validation_size` | INTEGER | validation examples evaluated after each epoch, from the end of the training split; 0 is none; NULL for runs finished before validation sets were recorded, which evaluated none |
/// | `stop_reason` | TEXT | why `patience` or `eta_halving` ended a `done` run before its `epochs`; NULL when it ran them all |
/// | `best_validation_accuracy` | REAL | highest validation accuracy over epochs; NULL without a validation set |
/// | `best_validation_epoch` | INTEGER | first epoch reaching `best_validation_accuracy` |
/// | `test_accuracy_at_best_validation` | REAL | test accuracy in `best_validation_epoch`: the number to report |
/// | `hidden_total` | INTEGER | the hidden sizes summed (`30-30` is 60), 0 when none: `hidden` sorts as text, this as a number |
///
/// `best_accuracy` and `best_epoch` choose the epoch on the test set itself,
/// so they are optimistic; they stay for the runs without a validation set
/// and for comparison. A run chosen honestly reports
/// `test_accuracy_at_best_validation`.
///
/// ## `experiment_runs` — which runs each experiment lists
/// | column | type | meaning |
/// |---|---|---|
/// | `experiment_id` | INTEGER → experiments | |
/// | `run_id` | INTEGER → runs | |
/// | `position` | INTEGER | the run's index in the experiment's expansion order (0-based) |
///
/// Primary key `(experiment_id, run_id)`. A run shared by two experiments is
/// trained once and linked to both.
///
/// ## `epochs` — one row per finished epoch, committed as it finishes
/// | column | type | meaning |
/// |---|---|---|
/// | `run_id` | INTEGER → runs (ON DELETE CASCADE) | |
/// | `epoch` | INTEGER | 1-based |
/// | `train_cost` | REAL | mean cost (the run's `cost`, without L2's term) on the training set (NULL if NaN) |
/// | `test_cost` | REAL | mean cost on the test set, likewise (NULL if NaN) |
/// | `test_accuracy` | REAL | fraction of the test set correct (0–1) |
/// | `seconds` | REAL | wall-clock time of the epoch |
/// | `eta` | REAL | the η the epoch trained with (below the run's after `eta_halving`); NULL for epochs recorded before it was |
/// | `validation_cost` | REAL | mean cost on the validation set after the epoch; NULL without a validation set (or if NaN) |
/// | `validation_accuracy` | REAL | fraction of the validation set correct (0–1); NULL without a validation set |
///
/// Primary key `(run_id, epoch)`.
///
/// ## `checkpoints` — the training state after a run's last recorded epoch
/// | column | type | meaning |
/// |---|---|---|
/// | `run_id` | INTEGER PRIMARY KEY → runs (ON DELETE CASCADE) | |
/// | `epoch` | INTEGER NOT NULL | the epoch it follows: the run's last row in `epochs` |
/// | `state` | BLOB NOT NULL | `TrainingCheckpoint.encoded()`: parameters, velocities, η, selection and generator state |
///
/// Written in the transaction of its epoch's row, replacing the previous
/// one, so a run's epochs and its checkpoint never disagree; deleted when
/// the run finishes, but kept when early stopping prunes it. A run handed back or abandoned part-way keeps both,
/// and the next sweep continues it after `epoch`.
///
/// ## `decisions` — early stopping's verdict on each run at each rung
/// | column | type | meaning |
/// |---|---|---|
/// | `id` | INTEGER PRIMARY KEY | |
/// | `experiment_id` | INTEGER NOT NULL → experiments (ON DELETE CASCADE) | the experiment whose early stopping decided |
/// | `run_id` | INTEGER NOT NULL → runs (ON DELETE CASCADE) | |
/// | `bracket` | INTEGER NOT NULL | hyperband's bracket; 0 for successive halving and the median rule |
/// | `rung` | INTEGER NOT NULL | 0-based; its epoch is `min_epochs · reduction^rung` |
/// | `epoch` | INTEGER NOT NULL | the rung's epoch, at which the run was ranked |
/// | `metric` | TEXT NOT NULL | the metric ranked, by name, e.g. `validation_accuracy` |
/// | `metric_value` | REAL NOT NULL | the run's `metric` in `epoch` |
/// | `threshold` | REAL NOT NULL | successive halving and hyperband: the metric value of the last run promoted; the median rule: the median |
/// | `rank` | INTEGER NOT NULL | 1-based among the `rung_size` runs ranked at the rung, best first, ties broken by `config_hash` |
/// | `rung_size` | INTEGER NOT NULL | how many runs were ranked at the rung |
/// | `verdict` | TEXT NOT NULL | `promote` (trains on to the next rung) or `prune` (stops at `epoch`) |
/// | `decided_at` | TEXT NOT NULL | when the decision was first stored with these values |
///
/// Unique `(experiment_id, run_id, rung)`; indexed by `run_id`. A pruned
/// run keeps its epochs up to the rung's epoch and its checkpoint at that
/// epoch, and its outcome columns are computed from those epochs as a
/// finished run's are, so a later decision that promotes it (the rung
/// grew) puts it back to `pending` and training continues from there.
///
/// ## View `run_summary` — one row per (experiment, run)
/// `experiment` (name), `run_id`, `config_hash`, `layers`, `hidden`, `eta`,
/// `epochs`, `batch_size`, `init`, `seed`, `dataset`, `train_size`,
/// `test_size`, `status`, `final_accuracy`, `best_accuracy`, `best_epoch`,
/// `final_train_cost`, `wall_seconds`, `position` (order within the
/// experiment: `ORDER BY experiment, position`), `hash_version`, `cost`,
/// `l2`, `momentum`, `patience`, `eta_halving`, `validation_size`,
/// `stop_reason`, `best_validation_accuracy`, `best_validation_epoch`,
/// `test_accuracy_at_best_validation`, `hidden_total`.
///
/// ## View `config_summary` — one row per experiment and configuration across seeds
/// Over `done` runs, grouped by `experiment`, `layers`, `hidden`, `eta`,
/// `epochs`, `batch_size`, `init`, `dataset`, `train_size`, `test_size`,
/// `hash_version`, `cost`, `l2`, `momentum`, `patience`, `eta_halving`,
/// `validation_size`: `n_seeds`, `mean_final_accuracy`, `std_final_accuracy`,
/// `min_final_accuracy`, `max_final_accuracy`, `mean_best_accuracy`,
/// `std_best_accuracy`, `min_best_accuracy`, `max_best_accuracy`,
/// `first_position` (the configuration's first run's position, for
/// ordering), `hash_version`, `cost`, `l2`, `momentum`, `patience`,
/// `eta_halving`, `validation_size`, and the same four statistics (`mean_`,
/// `std_`, `min_`, `max_`) of `best_validation_accuracy` and of
/// `test_accuracy_at_best_validation`, then `hidden_total`. Rank configurations by
/// `mean_best_validation_accuracy` and report
/// `mean_test_accuracy_at_best_validation`; the `*_best_accuracy` columns are
/// chosen on the test set, so optimistic, and are all a configuration
/// without a validation set has. Grouping by `hash_version` keeps one
/// configuration's statistics from mixing two arithmetics, which a merge can
/// link to one experiment; grouping by `validation_size` keeps runs chosen
/// on a validation set apart from runs that had none.
/// Standard deviations are sample (n − 1) deviations, NULL when fewer than two
/// seeds; computed with SQLite's `sqrt` (SQLite ≥ 3.35 built with math
/// functions, as Debian's and Python's are).
///
/// The migrations are applied in order; never edit one that has shipped: add
/// a new one, so existing result files upgrade in place.
enum Schema {
    static let migrator: DatabaseMigrator = {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: version1)
        }
        migrator.registerMigration("v2") { db in
            try db.execute(sql: version2)
        }
        migrator.registerMigration("v3") { db in
            try db.execute(sql: version3)
        }
        migrator.registerMigration("v4") { db in
            try db.execute(sql: version4)
        }
        migrator.registerMigration("v5") { db in
            try db.execute(sql: version5)
        }
        migrator.registerMigration("v6") { db in
            try db.execute(sql: version6)
        }
        migrator.registerMigration("v7") { db in
            try version7(db)
        }
        return migrator
    }()

    static var knownMigrations: [String] { migrator.migrations }

    private static let version1 = """
        CREATE TABLE experiments (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            description TEXT,
            spec_yaml TEXT,
            spec_sha256 TEXT,
            created_at TEXT
        );

        CREATE TABLE runs (
            id INTEGER PRIMARY KEY,
            experiment_id INTEGER REFERENCES experiments(id),
            config_hash TEXT NOT NULL UNIQUE,
            layers TEXT,
            hidden TEXT,
            eta REAL,
            epochs INTEGER,
            batch_size INTEGER,
            seed INTEGER,
            init TEXT,
            dataset TEXT,
            train_size INTEGER,
            test_size INTEGER,
            params_json TEXT,
            status TEXT NOT NULL CHECK (status IN ('pending', 'running', 'done', 'failed', 'diverged')),
            error TEXT,
            final_accuracy REAL,
            best_accuracy REAL,
            best_epoch INTEGER,
            final_train_cost REAL,
            wall_seconds REAL,
            started_at TEXT,
            finished_at TEXT,
            runner_version TEXT,
            git_commit TEXT,
            host TEXT,
            owner_pid INTEGER,
            heartbeat_at TEXT
        );
        CREATE INDEX runs_status ON runs(status);

        CREATE TABLE experiment_runs (
            experiment_id INTEGER NOT NULL REFERENCES experiments(id) ON DELETE CASCADE,
            run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            PRIMARY KEY (experiment_id, run_id)
        );
        CREATE INDEX experiment_runs_run ON experiment_runs(run_id);

        CREATE TABLE epochs (
            run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
            epoch INTEGER NOT NULL,
            train_cost REAL,
            test_cost REAL,
            test_accuracy REAL,
            seconds REAL,
            PRIMARY KEY (run_id, epoch)
        );

        CREATE VIEW run_summary AS
        SELECT e.name AS experiment, r.id AS run_id, r.config_hash, r.layers, r.hidden,
               r.eta, r.epochs, r.batch_size, r.init, r.seed, r.dataset, r.train_size,
               r.test_size, r.status, r.final_accuracy, r.best_accuracy, r.best_epoch,
               r.final_train_cost, r.wall_seconds, er.position
        FROM experiment_runs er
        JOIN experiments e ON e.id = er.experiment_id
        JOIN runs r ON r.id = er.run_id;

        -- Two passes (the window gives each row its group's mean) so the
        -- deviation is summed from centred values, not from sum(x²) − n·mean²,
        -- which cancels badly for accuracies close together.
        CREATE VIEW config_summary AS
        WITH done AS (
            SELECT er.experiment_id, er.position, r.layers, r.hidden, r.eta, r.epochs,
                   r.batch_size, r.init, r.dataset, r.train_size, r.test_size,
                   r.final_accuracy, r.best_accuracy,
                   avg(r.final_accuracy) OVER configuration AS mean_final,
                   avg(r.best_accuracy) OVER configuration AS mean_best
            FROM experiment_runs er
            JOIN runs r ON r.id = er.run_id
            WHERE r.status = 'done'
            WINDOW configuration AS (
                PARTITION BY er.experiment_id, r.layers, r.hidden, r.eta, r.epochs,
                             r.batch_size, r.init, r.dataset, r.train_size, r.test_size
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
               min(d.position) AS first_position
        FROM done d
        JOIN experiments e ON e.id = d.experiment_id
        GROUP BY d.experiment_id, d.layers, d.hidden, d.eta, d.epochs, d.batch_size,
                 d.init, d.dataset, d.train_size, d.test_size;
        """

    /// The kernel variant and the hash version on every run. Runs trained
    /// before keep NULL kernels; their hash version is read from the
    /// `params_json` they were registered with. The views gain `hash_version`
    /// at the end, their other columns unchanged.
    private static let version2 = """
        ALTER TABLE runs ADD COLUMN kernels TEXT;
        ALTER TABLE runs ADD COLUMN hash_version INTEGER;
        UPDATE runs SET hash_version = json_extract(params_json, '$.hash_version')
        WHERE json_valid(params_json);

        DROP VIEW run_summary;
        CREATE VIEW run_summary AS
        SELECT e.name AS experiment, r.id AS run_id, r.config_hash, r.layers, r.hidden,
               r.eta, r.epochs, r.batch_size, r.init, r.seed, r.dataset, r.train_size,
               r.test_size, r.status, r.final_accuracy, r.best_accuracy, r.best_epoch,
               r.final_train_cost, r.wall_seconds, er.position, r.hash_version
        FROM experiment_runs er
        JOIN experiments e ON e.id = er.experiment_id
        JOIN runs r ON r.id = er.run_id;

        DROP VIEW config_summary;
        CREATE VIEW config_summary AS
        WITH done AS (
            SELECT er.experiment_id, er.position, r.layers, r.hidden, r.eta, r.epochs,
                   r.batch_size, r.init, r.dataset, r.train_size, r.test_size, r.hash_version,
                   r.final_accuracy, r.best_accuracy,
                   avg(r.final_accuracy) OVER configuration AS mean_final,
                   avg(r.best_accuracy) OVER configuration AS mean_best
            FROM experiment_runs er
            JOIN runs r ON r.id = er.run_id
            WHERE r.status = 'done'
            WINDOW configuration AS (
                PARTITION BY er.experiment_id, r.layers, r.hidden, r.eta, r.epochs,
                             r.batch_size, r.init, r.dataset, r.train_size, r.test_size,
                             r.hash_version
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
               d.hash_version
        FROM done d
        JOIN experiments e ON e.id = d.experiment_id
        GROUP BY d.experiment_id, d.layers, d.hidden, d.eta, d.epochs, d.batch_size,
                 d.init, d.dataset, d.train_size, d.test_size, d.hash_version;
        """
}
