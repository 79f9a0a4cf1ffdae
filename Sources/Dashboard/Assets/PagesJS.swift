extension Assets {
    static let pagesJS = #"""
        "use strict";
        // Compare, one run, and the SQL console.

        R.views = R.views || {};

        R.views.compare = function () {
          const state = { metric: "validation_accuracy", x: "epoch", band: "sd", seeds: false };
          const selection = () => new URLSearchParams(location.search).getAll("c");
          const message = R.h("div", { class: "notice" });

          function remove(reference) {
            const kept = selection().filter((item) => item !== reference);
            history.replaceState(null, "", "/compare" + R.query(kept.map((item) => ["c", item])));
            remember();
            refresh().catch((error) => R.replace(message, R.errorBox(error.message)));
          }

          // The nav bar's Compare link goes back to the last comparison.
          function remember() {
            try { localStorage.setItem("runner.compare", location.search); } catch (ignored) { /* private mode */ }
          }

          const table = new R.Table({
            caption: "Selected configurations",
            fileName: () => "comparison",
            emptyText: "Nothing selected.",
            columns: [
              { label: "Experiment", value: (row) => row.experiment, text: (row) => row.experiment,
                cell: (row) => R.h("a", { href: R.path("experiments", row.experiment) }, row.experiment) },
              { label: "Configuration", value: (row) => row.label, text: (row) => row.label },
              { label: "Seeds", numeric: true, value: (row) => row.n_seeds, text: (row) => String(row.n_seeds) },
              ...R.statisticColumns(),
              { label: "Runs", value: (row) => row.runs.length, text: (row) => row.runs.map((run) => run.id).join(" "),
                cell: (row) => R.h("span", { class: "run-links" }, row.runs.map((run) => [R.h("a", { href: R.path("runs", run.id), title: "seed " + run.seed + ", " + run.status }, String(run.id)), " "])) },
              { label: "Key", value: (row) => row.key, text: (row) => row.key, className: "key" },
              { label: "", csv: false, sortable: false, text: () => "",
                cell: (row) => R.button("Remove", () => remove(row.experiment + ":" + row.key), { class: "remove", title: "Remove from the comparison" }) },
            ],
          });

          const chart = new R.Chart({
            name: "compare",
            title: "Learning curves",
            fileName: () => "comparison-" + state.metric,
            emptyText: "Select configurations on an experiment's page (tick them, then “Compare selected”).",
            controls: R.curveControls(state, () => chart.load()),
            url: () => {
              const items = selection();
              return items.length ? "/api/compare.svg" + R.query([...items.map((item) => ["c", item]), ...R.curveQuery(state)]) : null;
            },
          });

          async function refresh() {
            const items = selection();
            if (!items.length) {
              message.textContent = "No configurations selected. Tick configurations on an experiment's page, then follow “Compare selected”.";
              table.setRows([]);
              await chart.load();
              return;
            }
            const answer = await R.json("/api/compare" + R.query(items.map((item) => ["c", item])));
            message.textContent = "";
            table.setRows(answer.configurations || []);
            await chart.load();
          }

          const element = R.h("div", { class: "view compare-view" }, R.h("h1", {}, "Compare"), message, chart.element, table.element);
          return { element, title: "Compare", load: () => { remember(); return refresh(); }, refresh };
        };

        R.views.run = function (id) {
          const state = { metric: "validation_accuracy", x: "epoch", band: "none", seeds: false };
          const heading = R.h("h1", {}, "Run " + id);
          const crumbs = R.h("p", { class: "crumbs" }, R.h("a", { href: "/" }, "Experiments"), " / ");
          const problem = R.h("div");
          const fields = R.h("div", { class: "fields" });

          const optional = (value, digits) => (value === null || value === undefined ? "–" : R.number(value, digits));
          const accuracy = (value, epoch) => (typeof value === "number" ? value.toFixed(4) + (epoch ? " (epoch " + epoch + ")" : "") : "–");

          const groups = (run) => [
            ["Run", [
              ["id", run.id], ["experiment", run.experiment], ["status", run.status], ["stop reason", run.stop_reason || "–"],
              ["config hash", run.config_hash],
            ]],
            ["Configuration", [
              ["layers", run.layers], ["eta", run.eta], ["epochs", run.epochs], ["batch size", run.batch_size], ["seed", run.seed],
              ["init", run.init], ["cost", run.cost], ["l2", run.l2], ["momentum", run.momentum],
              ["patience", optional(run.patience)], ["eta halving", optional(run.eta_halving)],
              ["dataset", run.dataset], ["train size", run.train_size], ["validation size", optional(run.validation_size)], ["test size", run.test_size],
            ]],
            ["Outcome", [
              ["test accuracy at best validation", accuracy(run.test_accuracy_at_best_validation)],
              ["best validation accuracy", accuracy(run.best_validation_accuracy, run.best_validation_epoch)],
              ["best test accuracy", accuracy(run.best_accuracy, run.best_epoch)],
              ["final accuracy", accuracy(run.final_accuracy)],
              ["final training cost", optional(run.final_train_cost, 4)],
              ["wall time", typeof run.wall_seconds === "number" ? run.wall_seconds.toFixed(2) + " s" : "–"],
            ]],
            ["Provenance", [
              ["started", run.started_at || "–"], ["finished", run.finished_at || "–"], ["runner version", run.runner_version || "–"],
              ["git commit", run.git_commit || "–"], ["kernels", run.kernels || "–"], ["host", run.host || "–"],
              ["hash version", optional(run.hash_version)], ["dataset checksum", run.dataset_checksum || "–"],
            ]],
          ];

          const value = (key, digits) => ({
            label: key.replace(/_/g, " "), numeric: true, value: (row) => row[key],
            text: (row) => (row[key] === null || row[key] === undefined ? "" : digits === undefined ? String(row[key]) : Number(row[key]).toFixed(digits)),
          });
          const table = new R.Table({
            caption: "Epochs",
            fileName: () => "run-" + id + "-epochs",
            emptyText: "No epochs yet.",
            sort: { index: 0, descending: false },
            columns: [value("epoch"), value("train_cost", 4), value("validation_cost", 4), value("validation_accuracy", 4),
              value("test_cost", 4), value("test_accuracy", 4), value("eta"), value("seconds", 3)],
          });

          const decisions = R.runDecisions(id);

          const chart = new R.Chart({
            name: "run",
            title: "Curve",
            fileName: () => "run-" + id + "-" + state.metric,
            controls: R.curveControls(state, () => chart.load(), { bands: false }),
            url: () => R.path("api", "runs", id, "curve.svg") + R.query([["metric", state.metric], ["x", state.x]]),
          });

          async function refresh() {
            const run = await R.json(R.path("api", "runs", id));
            R.replace(crumbs, R.h("a", { href: "/" }, "Experiments"), " / ", R.h("a", { href: R.path("experiments", run.experiment) }, run.experiment), " / ");
            R.replace(heading, "Run " + run.id + " ", R.h("span", { class: "status status-" + run.status }, run.status));
            if (run.error || run.status === "failed" || run.status === "diverged") {
              R.replace(problem, R.h("div", { class: "error run-error", role: "alert" },
                R.h("strong", {}, "This run " + run.status + (run.error ? ":" : ".")), run.error ? " " + run.error : ""));
            } else if (run.status === "pruned") {
              const pruning = (run.decisions || []).filter((decision) => decision.verdict === "prune").pop();
              R.replace(problem, R.h("div", { class: "pruned-box run-pruned" },
                R.h("strong", {}, "Pruned:"), " " + (pruning ? pruning.reason : "stopped by early stopping at a rung")));
            } else {
              R.clear(problem);
            }
            R.replace(fields, groups(run).map(([title, items]) => R.h("section", { class: "field-group" }, R.h("h2", {}, title),
              R.h("dl", {}, items.map(([name, text]) => [R.h("dt", {}, name),
                R.h("dd", { class: /hash|commit|checksum/.test(name) ? "mono" : null }, String(text))])))));
            table.setRows(run.epoch_rows || []);
            decisions.render(run.decisions || []);
            await chart.load();
          }

          const element = R.h("div", { class: "view run-view" }, crumbs, heading, problem, fields, decisions.element, chart.element, table.element);
          return { element, title: "Run " + id, load: refresh, refresh };
        };

        R.views.sql = function () {
          const state = { last: null, rerun: false };
          const editor = R.h("textarea", {
            rows: 8, spellcheck: "false", "aria-label": "SQL", placeholder: "SELECT … (read-only; Ctrl-Enter runs)",
            onkeydown: (event) => {
              if ((event.ctrlKey || event.metaKey) && event.key === "Enter") {
                event.preventDefault();
                run();
              }
            },
          });
          const examples = R.h("div", { class: "examples" });
          const notice = R.h("div", { class: "sql-status" });
          const runButton = R.button("Run", () => run(), { class: "primary", title: "Run (Ctrl-Enter)" });
          const nullText = (cell) => (cell === null ? "NULL" : cell);
          let table = null;
          const results = R.h("div", { class: "sql-results" });

          function show(answer) {
            const columns = answer.columns.map((name, index) => ({
              label: name,
              numeric: answer.rows.some((row) => row[index] !== null) && answer.rows.every((row) => row[index] === null || (row[index] !== "" && isFinite(Number(row[index])))),
              value: (row) => (row[index] === null ? null : isFinite(Number(row[index])) && row[index] !== "" ? Number(row[index]) : row[index]),
              text: (row) => nullText(row[index]),
              csvText: (row) => (row[index] === null ? "" : row[index]),
              cell: (row) => (row[index] === null ? R.h("span", { class: "null" }, "NULL") : row[index]),
            }));
            if (!table) {
              table = new R.Table({ caption: "Result", fileName: () => "query", emptyText: "The query returned no rows.", columns });
              R.replace(results, table.element);
            } else if (JSON.stringify(table.columns.map((c) => c.label)) !== JSON.stringify(answer.columns)) {
              table.sort = null;
              table.setColumns(columns);
            } else {
              table.columns = columns;
            }
            table.setRows(answer.rows);
            results.hidden = false;
          }

          async function run(sql) {
            const text = sql === undefined ? editor.value : sql;
            if (!text.trim()) {
              R.replace(notice, R.errorBox("Type a query first."));
              return;
            }
            runButton.disabled = true;
            if (sql === undefined) R.replace(notice, R.h("span", { class: "muted" }, "Running…"));
            const started = performance.now();
            try {
              const answer = await R.json("/api/sql", {
                method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ sql: text }),
              });
              state.last = text;
              show(answer);
              const seconds = ((performance.now() - started) / 1000).toFixed(2);
              R.replace(notice,
                R.h("span", { class: "muted" }, answer.rows.length + (answer.rows.length === 1 ? " row" : " rows") + " in " + seconds + " s"),
                answer.truncated ? R.h("div", { class: "warning" }, "Truncated at " + Number(answer.row_limit).toLocaleString("en-US") + " rows: add a LIMIT or narrow the query to see the rest.") : null);
            } catch (error) {
              state.last = null;
              results.hidden = true;
              R.replace(notice, R.h("div", { class: "error sql-error", role: "alert" }, error.message));
            } finally {
              runButton.disabled = false;
            }
          }

          async function load() {
            try {
              const list = await R.json("/api/sql/examples");
              R.replace(examples, R.h("span", { class: "muted" }, "Examples:"), list.map((example) =>
                R.button(example.title, () => { editor.value = example.sql; editor.focus(); }, { class: "example", title: example.sql })));
            } catch (error) {
              R.replace(examples, R.errorBox("Examples: " + error.message));
            }
          }

          // A query the user ran is re-run on changes only when asked: it may be slow.
          async function refresh() {
            if (state.rerun && state.last !== null) await run(state.last);
          }

          const element = R.h("div", { class: "view sql-view" },
            R.h("h1", {}, "SQL"),
            R.h("p", { class: "muted" }, "Read-only queries over the results database; at most 10,000 rows and 5 seconds."),
            examples, editor,
            R.h("div", { class: "actions" }, runButton, " ",
              R.checkbox("re-run when the results change", state.rerun, (value) => { state.rerun = value; })),
            notice, results);
          return { element, title: "SQL", load, refresh };
        };
        """#
}
