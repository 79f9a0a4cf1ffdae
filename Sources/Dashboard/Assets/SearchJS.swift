extension Assets {
    static let searchJS = #"""
        "use strict";
        // Early stopping's decisions: an experiment's rungs, runs and search
        // chart, and one run's verdicts. Each is attached to its page only when
        // there are decisions, so that other experiments and runs have no empty
        // tables.

        R.numberColumn = (key, label, digits) => ({
          label, numeric: true, value: (row) => row[key],
          text: (row) => (digits === undefined ? String(row[key]) : R.number(row[key], digits)),
        });

        R.rankColumn = () => ({ label: "Rank", numeric: true, value: (row) => row.rank, text: (row) => row.rank + " of " + row.rung_size });

        R.verdictColumn = () => ({
          label: "Verdict", value: (row) => row.verdict, text: (row) => row.verdict,
          cell: (row) => R.h("span", { class: "status verdict-" + row.verdict }, row.verdict),
        });

        // Hyperband's brackets get a column; a single bracket (0) needs none.
        R.bracketColumns = (rows) => (rows.some((row) => row.bracket !== 0) ? [R.numberColumn("bracket", "Bracket")] : []);

        // New columns only when they change, so that a refresh keeps the sort.
        R.setColumnsIfChanged = function (table, columns) {
          if (JSON.stringify(table.columns.map((c) => c.label)) !== JSON.stringify(columns.map((c) => c.label))) table.setColumns(columns);
        };

        R.earlyStopping = function (name) {
          let decisions = null;
          const rungColumns = (rows) => [
            ...R.bracketColumns(rows), R.numberColumn("rung", "Rung"), R.numberColumn("epoch", "Epoch"),
            { label: "Metric", value: (row) => row.metric, text: (row) => row.metric },
            R.numberColumn("ranked", "Ranked"), R.numberColumn("promoted", "Promoted"), R.numberColumn("pruned", "Pruned"),
            R.numberColumn("threshold", "Threshold", 4),
          ];
          const runColumns = (rows) => [
            { label: "Run", numeric: true, value: (row) => row.run_id, text: (row) => String(row.run_id),
              cell: (row) => R.h("a", { href: R.path("runs", row.run_id) }, "run " + row.run_id) },
            { label: "Configuration", value: (row) => row.label, text: (row) => row.label },
            { label: "Status", value: (row) => row.status, text: (row) => row.status,
              cell: (row) => R.h("span", { class: "status status-" + row.status }, row.status) },
            ...R.bracketColumns(rows), R.numberColumn("rung", "Rung"), R.numberColumn("epoch", "Epoch"),
            R.numberColumn("value", "Value", 4), R.numberColumn("threshold", "Threshold", 4), R.rankColumn(), R.verdictColumn(),
          ];
          const rungs = new R.Table({ caption: "Rungs", fileName: () => name + "-rungs", columns: rungColumns([]) });
          const runs = new R.Table({
            caption: "Runs by the last rung they reached", fileName: () => name + "-early-stopping", columns: runColumns([]),
          });
          const chart = new R.Chart({
            name: "search",
            title: "Search",
            fileName: () => name + "-search",
            url: () => (decisions ? R.path("api", "experiments", name, "search.svg") : null),
          });
          const section = R.h("section", { class: "early-stopping" },
            R.h("h2", { class: "section-title" }, "Early stopping"), chart.element, rungs.element, runs.element);
          const element = R.h("div");

          function render(answer) {
            decisions = answer || null;
            if (!decisions) {
              R.clear(element);
              return;
            }
            R.setColumnsIfChanged(rungs, rungColumns(decisions.rungs));
            rungs.setRows(decisions.rungs);
            R.setColumnsIfChanged(runs, runColumns(decisions.runs));
            runs.setRows(decisions.runs);
            if (!element.firstChild) element.appendChild(section);
          }

          return { element, render, load: () => (decisions ? chart.load() : null) };
        };

        R.runDecisions = function (id) {
          const columns = (rows) => [
            ...(new Set(rows.map((row) => row.experiment)).size > 1
              ? [{ label: "Experiment", value: (row) => row.experiment, text: (row) => row.experiment }] : []),
            ...R.bracketColumns(rows), R.numberColumn("rung", "Rung"), R.numberColumn("epoch", "Epoch"),
            R.numberColumn("value", "Value", 4), R.numberColumn("threshold", "Threshold", 4), R.rankColumn(), R.verdictColumn(),
          ];
          const table = new R.Table({
            caption: "Early stopping", fileName: () => "run-" + id + "-early-stopping", sort: null, columns: columns([]),
          });
          const element = R.h("div");

          function render(rows) {
            if (!rows.length) {
              R.clear(element);
              return;
            }
            R.setColumnsIfChanged(table, columns(rows));
            table.setRows(rows);
            if (!element.firstChild) element.appendChild(table.element);
          }

          return { element, render };
        };
        """#
}
