-- Fills a results database that has the schema (a smoke sweep made it) with
-- what a dashboard meets after a large sweep: experiment `big`, 2,500
-- configurations (η × hidden × batch × L2 × momentum) × 4 seeds = 10,000
-- runs of 30 epochs, and three small experiments beside it. Accuracies rise
-- towards a level each configuration has, costs fall, an epoch takes about
-- half a second, and every column the views and the run reader use is filled
-- as a finished run fills it. random() makes the noise: the figures do not
-- depend on the values, only on their number and shape.
BEGIN;

CREATE TEMP TABLE eta_values(k INTEGER PRIMARY KEY, v REAL);
INSERT INTO eta_values VALUES (0, 0.01), (1, 0.03), (2, 0.1), (3, 0.3), (4, 0.5), (5, 1.0), (6, 2.0), (7, 3.0), (8, 5.0), (9, 10.0);
CREATE TEMP TABLE hidden_values(k INTEGER PRIMARY KEY, v TEXT, total INTEGER);
INSERT INTO hidden_values VALUES (0, '10', 10), (1, '30', 30), (2, '100', 100), (3, '30-30', 60), (4, '100-30', 130);
CREATE TEMP TABLE batch_values(k INTEGER PRIMARY KEY, v INTEGER);
INSERT INTO batch_values VALUES (0, 1), (1, 5), (2, 10), (3, 20), (4, 50);
CREATE TEMP TABLE l2_values(k INTEGER PRIMARY KEY, v REAL);
INSERT INTO l2_values VALUES (0, 0.0), (1, 0.1), (2, 1.0), (3, 5.0), (4, 10.0);
CREATE TEMP TABLE momentum_values(k INTEGER PRIMARY KEY, v REAL);
INSERT INTO momentum_values VALUES (0, 0.0), (1, 0.9);

-- One row per run to make: its experiment, its position there, its
-- configuration's index c and its seed.
CREATE TEMP TABLE plan(experiment TEXT, position INTEGER, c INTEGER, seed INTEGER);
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 9999)
INSERT INTO plan SELECT 'big', i, i / 4, i % 4 + 1 FROM n;
-- The small ones: a few η, hidden sizes or batch sizes, 3 seeds each.
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 29)
INSERT INTO plan SELECT 'small-eta', i, (i / 3) % 10, i % 3 + 11 FROM n;
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 14)
INSERT INTO plan SELECT 'small-hidden', i, 5 + 10 * (i / 3), i % 3 + 21 FROM n;
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 14)
INSERT INTO plan SELECT 'small-batch', i, 2 + 50 * (i / 3), i % 3 + 31 FROM n;

INSERT INTO experiments(name, description, spec_yaml, spec_sha256, created_at)
SELECT experiment, 'generated for bench/dashboard.sh', 'name: ' || experiment || char(10),
       lower(hex(randomblob(32))), '2026-01-01T00:00:00.000Z'
FROM (SELECT DISTINCT experiment FROM plan);
INSERT INTO experiment_versions(experiment_id, spec_yaml, spec_sha256, registered_at, source_path)
SELECT id, spec_yaml, spec_sha256, created_at, 'experiments/' || name || '.yaml'
FROM experiments WHERE description = 'generated for bench/dashboard.sh';

-- Each configuration's level of accuracy: best at η near 1, better with
-- more hidden neurons, worse with a strong L2; the seed adds a little.
CREATE TEMP TABLE planned AS
SELECT p.experiment, p.position, p.seed, e.v AS eta, h.v AS hidden, h.total AS hidden_total, b.v AS batch_size,
       l.v AS l2, m.v AS momentum,
       min(0.985, 0.97 - 0.03 * abs(log10(e.v)) - 0.004 * l.v + 0.01 * (h.total >= 60) - 0.0004 * b.v
                  + (abs(random()) % 2000) / 1e6) AS level
FROM plan p
JOIN eta_values e ON e.k = p.c % 10
JOIN hidden_values h ON h.k = (p.c / 10) % 5
JOIN batch_values b ON b.k = (p.c / 50) % 5
JOIN l2_values l ON l.k = (p.c / 250) % 5
JOIN momentum_values m ON m.k = p.c / 1250;

INSERT INTO runs(experiment_id, config_hash, layers, hidden, hidden_total, eta, epochs, batch_size, seed, init, dataset,
                 train_size, test_size, validation_size, params_json, status, cost, l2, momentum, hash_version,
                 kernels, started_at, finished_at, heartbeat_at, runner_version, git_commit, host, owner_pid)
SELECT x.id, lower(hex(randomblob(32))), '784-' || p.hidden || '-10', p.hidden, p.hidden_total, p.eta, 30,
       p.batch_size, p.seed, 'normal', 'mnist', 50000, 10000, 10000,
       json_object('batch_size', p.batch_size, 'cost', 'cross_entropy', 'dataset', 'mnist', 'epochs', 30,
                   'eta', p.eta, 'hash_version', 2, 'init', 'normal',
                   'l2', p.l2, 'layers', json('[784,' || replace(p.hidden, '-', ',') || ',10]'),
                   'momentum', p.momentum, 'seed', p.seed, 'test_size', 10000, 'train_size', 50000,
                   'validation_size', 10000),
       'done', 'cross_entropy', p.l2, p.momentum, 2, 'avx2',
       '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:15.000Z', '2026-01-01T00:00:15.000Z', '0.1.0',
       '0123456789abcdef0123456789abcdef01234567', 'node' || (p.position % 8), 1000 + p.position
FROM planned p JOIN experiments x ON x.name = p.experiment
ORDER BY x.id, p.position;

-- Runs were inserted in plan order, so a run's rank within its experiment
-- is its position.
INSERT INTO experiment_runs(experiment_id, run_id, position)
SELECT r.experiment_id, r.id, r.id - (SELECT min(id) FROM runs WHERE experiment_id = r.experiment_id)
FROM runs r JOIN experiments x ON x.id = r.experiment_id
WHERE x.description = 'generated for bench/dashboard.sh';

WITH RECURSIVE k(epoch) AS (SELECT 1 UNION ALL SELECT epoch + 1 FROM k WHERE epoch < 30),
levels AS (
    SELECT r.id, r.eta, p.level
    FROM runs r JOIN experiments x ON x.id = r.experiment_id
    JOIN experiment_runs er ON er.run_id = r.id
    JOIN planned p ON p.experiment = x.name AND p.position = er.position
)
INSERT INTO epochs(run_id, epoch, train_cost, test_cost, test_accuracy, seconds, eta, validation_cost, validation_accuracy)
SELECT l.id, k.epoch,
       (1.0 - l.level) * 3 + 2.0 * exp(-k.epoch / 6.0) + (abs(random()) % 1000) / 1e5,
       (1.0 - l.level) * 3.5 + 2.0 * exp(-k.epoch / 6.0) + (abs(random()) % 1000) / 1e5,
       round(l.level - (l.level - 0.5) * exp(-k.epoch / 4.0) + ((abs(random()) % 600) - 300) / 1e5, 4),
       0.45 + (abs(random()) % 1000) / 1e4,
       l.eta,
       (1.0 - l.level) * 3.3 + 2.0 * exp(-k.epoch / 6.0) + (abs(random()) % 1000) / 1e5,
       round(l.level + 0.003 - (l.level - 0.5) * exp(-k.epoch / 4.0) + ((abs(random()) % 600) - 300) / 1e5, 4)
FROM levels l, k;

-- The run's summary from its epochs, as a finished sweep records it: first
-- epochs reaching the best, and the test accuracy where validation was best.
CREATE TEMP TABLE outcome AS
SELECT e.run_id,
       max(e.test_accuracy) AS best_accuracy,
       max(e.validation_accuracy) AS best_validation_accuracy,
       sum(e.seconds) AS wall_seconds
FROM epochs e JOIN runs r ON r.id = e.run_id JOIN experiments x ON x.id = r.experiment_id
WHERE x.description = 'generated for bench/dashboard.sh'
GROUP BY e.run_id;
UPDATE runs SET
    final_accuracy = (SELECT test_accuracy FROM epochs WHERE run_id = runs.id AND epoch = 30),
    final_train_cost = (SELECT train_cost FROM epochs WHERE run_id = runs.id AND epoch = 30),
    best_accuracy = o.best_accuracy,
    best_epoch = (SELECT min(epoch) FROM epochs WHERE run_id = runs.id AND test_accuracy = o.best_accuracy),
    best_validation_accuracy = o.best_validation_accuracy,
    best_validation_epoch = (SELECT min(epoch) FROM epochs
                             WHERE run_id = runs.id AND validation_accuracy = o.best_validation_accuracy),
    wall_seconds = o.wall_seconds
FROM outcome o WHERE o.run_id = runs.id;
UPDATE runs SET test_accuracy_at_best_validation =
    (SELECT test_accuracy FROM epochs WHERE run_id = runs.id AND epoch = runs.best_validation_epoch)
WHERE id IN (SELECT run_id FROM outcome);

COMMIT;
