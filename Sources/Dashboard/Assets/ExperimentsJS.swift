extension Assets {
    static let experimentsJS = #"""
        "use strict";
        // The experiments list and one experiment's page.

        R.views = R.views || {};

        R.progressCell = function (experiment) {
          const planned = experiment.epochs_planned || 0;
          const trained = Math.min(experiment.epochs_trained || 0, planned || Infinity);
          const fraction = planned ? trained / planned : 0;
          const bar = R.h("span", { class: "bar", role: "progressbar", "aria-valuemin": 0, "aria-valuemax": planned, "aria-valuenow": trained },
            R.h("span", { class: "fill", style: "width: " + (fraction * 100).toFixed(1) + "%" }));
          const parts = [trained + "/" + planned + " epochs"];
          if (experiment.running_runs > 0 && typeof experiment.seconds_left === "number") {
            parts.push("about " + R.duration(experiment.seconds_left) + " left");
          }
          return R.h("span", { class: "progress" + (experiment.running_runs > 0 ? " running" : "") }, bar, R.h("span", { class: "progress-text" }, parts.join(" · ")));
        };

        R.views.experiments = function () {
          const count = (status) => (row) => (row.counts && row.counts[status]) || 0;
          const table = new R.Table({
            fileName: () => "experiments",
            emptyText: "No experiments in this database yet: run a sweep.",
            sort: null,
            columns: [
              { label: "Experiment", value: (row) => row.name, text: (row) => row.name,
                cell: (row) => R.h("a", { href: R.path("experiments", row.name) }, row.name) },
              { label: "Description", value: (row) => row.description || "", text: (row) => row.description || "", className: "description" },
              { label: "Done", numeric: true, title: "Runs done of all runs", value: count("done"),
                text: (row) => count("done")(row) + "/" + row.total },
              { label: "Running", numeric: true, value: count("running"), text: (row) => String(count("running")(row)) },
              { label: "Failed", numeric: true, value: count("failed"), text: (row) => String(count("failed")(row)) },
              { label: "Diverged", numeric: true, value: count("diverged"), text: (row) => String(count("diverged")(row)) },
              { label: "Pruned", numeric: true, title: "Runs stopped at a rung by early stopping", value: count("pruned"),
                text: (row) => String(count("pruned")(row)) },
              { label: "Pending", numeric: true, value: count("pending"), text: (row) => String(count("pending")(row)) },
              { label: "Progress", value: (row) => (row.epochs_planned ? row.epochs_trained / row.epochs_planned : 0),
                text: (row) => row.epochs_trained + "/" + row.epochs_planned + " epochs" +
                  (row.running_runs > 0 && typeof row.seconds_left === "number" ? ", about " + R.duration(row.seconds_left) + " left" : ""),
                cell: R.progressCell },
              { label: "Last activity", value: (row) => row.last_activity || null, text: (row) => row.last_activity || "",
                cell: (row) => R.h("time", { datetime: row.last_activity || null, title: row.last_activity || null }, R.ago(row.last_activity)) },
            ],
            rowClass: (row) => ((row.counts && (row.counts.failed || row.counts.diverged)) ? "has-problems" : null),
          });
          const status = R.h("div", { class: "status-line" });
          const element = R.h("div", { class: "view experiments-view" }, R.h("h1", {}, "Experiments"), status, table.element);

          async function refresh() {
            const answer = await R.json("/api/experiments");
            status.textContent = "";
            table.setRows(answer.experiments || []);
          }

          return { element, title: "Experiments", load: refresh, refresh, shows: (name) => name };
        };

        R.views.experiment = function (name) {
          const state = {
            filters: {}, // setting → value, "" for any
            text: "",
            selected: new Set(),
            expanded: new Set(),
            curves: { metric: "validation_accuracy", x: "epoch", band: "sd", seeds: false },
            bySetting: { setting: null, metric: "test_accuracy_at_best_validation", band: "sd" },
          };
          let detail = null;

          const heading = R.h("h1", {}, name);
          const description = R.h("p", { class: "description" });
          const summary = R.h("p", { class: "muted" });
          const filterBar = R.h("div", { class: "filters" });
          const compareLink = R.h("a", { class: "button", href: "/compare" }, "Compare selected");
          const selectionNote = R.h("span", { class: "muted" });
          let filterSignature = "";

          const passes = (row) => {
            for (const [setting, value] of Object.entries(state.filters)) {
              if (value !== "" && row.settings[setting] !== value) return false;
            }
            if (state.text) {
              const haystack = (row.label + " " + Object.entries(row.settings).map(([k, v]) => k + " " + v + " " + k + "=" + v).join(" ")).toLowerCase();
              if (!state.text.toLowerCase().split(/\s+/).filter(Boolean).every((word) => haystack.includes(word))) return false;
            }
            return true;
          };

          const selectBox = (row) => R.h("input", {
            type: "checkbox", "aria-label": "select " + row.label, checked: state.selected.has(row.key), "data-key": row.key,
            onchange: (event) => {
              if (event.target.checked) state.selected.add(row.key);
              else state.selected.delete(row.key);
              updateCompareLink();
            },
          });

          const runsCell = (row) => {
            const open = state.expanded.has(row.key);
            return R.h("button", {
              type: "button", class: "link", "aria-expanded": open ? "true" : "false",
              onclick: () => {
                if (state.expanded.has(row.key)) state.expanded.delete(row.key);
                else state.expanded.add(row.key);
                table.render();
              },
            }, (open ? "▾ " : "▸ ") + row.runs.length + (row.runs.length === 1 ? " run" : " runs"));
          };

          const settingNumber = (text) => (text !== "" && isFinite(Number(text)) ? Number(text) : text);

          function columns(varying) {
            const settings = varying.length
              ? varying.map((setting) => ({ label: setting, value: (row) => settingNumber(row.settings[setting] || ""), text: (row) => row.settings[setting] || "" }))
              : [{ label: "Configuration", value: (row) => row.label, text: (row) => row.label }];
            return [
              { label: "", header: "✓", csv: false, sortable: false, cell: selectBox, text: () => "" },
              ...settings,
              { label: "Seeds", numeric: true, value: (row) => row.n_seeds, text: (row) => String(row.n_seeds) },
              ...R.statisticColumns(),
              { label: "Runs", value: (row) => row.runs.length, text: (row) => R.statusCounts(row.runs), cell: runsCell },
              { label: "Key", csv: true, value: (row) => row.key, text: (row) => row.key, className: "key" },
            ];
          }

          const table = new R.Table({
            caption: "Configurations",
            fileName: () => name + "-configurations",
            emptyText: "No configurations yet.",
            columns: columns([]),
            detail: (row) => {
              if (!state.expanded.has(row.key)) return null;
              return R.h("ul", { class: "run-list" }, row.runs.map((run) =>
                R.h("li", {}, R.h("a", { href: R.path("runs", run.id) }, "run " + run.id), " seed " + run.seed + " ",
                  R.h("span", { class: "status status-" + run.status }, run.status))));
            },
          });

          const curves = new R.Chart({
            name: "curves",
            title: "Learning curves",
            fileName: () => name + "-" + state.curves.metric,
            emptyText: "No configuration passes the filter.",
            controls: R.curveControls(state.curves, () => curves.load()),
            url: () => {
              if (!detail) return null;
              const shown = detail.configurations.filter(passes).map((row) => row.key);
              const filtered = shown.length !== detail.configurations.length;
              if (filtered && !shown.length) return null;
              return R.path("api", "experiments", name, "curves.svg") +
                R.query([...R.curveQuery(state.curves), ["keys", filtered ? shown.join(",") : null]]);
            },
          });

          const settingSelect = R.h("select", { onchange: () => { state.bySetting.setting = settingSelect.value; bySetting.load(); } });
          const bySetting = new R.Chart({
            name: "by-setting",
            title: "Outcome by setting",
            fileName: () => name + "-" + state.bySetting.metric + "-by-" + state.bySetting.setting,
            emptyText: "Nothing varies between this experiment's configurations.",
            controls: R.h("span", { class: "controls" },
              R.h("label", { class: "control" }, "Setting ", settingSelect),
              R.select("Metric", R.outcomeMetrics, state.bySetting.metric, (value) => { state.bySetting.metric = value; bySetting.load(); }),
              R.select("Band", [["sd", "± sd"], ["minmax", "min–max"]], state.bySetting.band, (value) => { state.bySetting.band = value; bySetting.load(); })),
            url: () => (detail && state.bySetting.setting
              ? R.path("api", "experiments", name, "by-setting.svg") +
                R.query([["setting", state.bySetting.setting], ["metric", state.bySetting.metric], ["band", state.bySetting.band]])
              : null),
          });

          const stopping = R.earlyStopping(name);

          const textFilter = R.h("input", {
            type: "search", placeholder: "filter, e.g. eta=3.0", "aria-label": "filter configurations",
            oninput: () => { state.text = textFilter.value.trim(); filterChanged(); },
          });

          function filterChanged() {
            table.setFilter(passes);
            curves.load();
          }

          function updateCompareLink() {
            const keys = detail ? detail.configurations.map((row) => row.key).filter((key) => state.selected.has(key)) : [];
            compareLink.setAttribute("href", "/compare" + R.query(keys.map((key) => ["c", name + ":" + key])));
            compareLink.classList.toggle("disabled", !keys.length);
            compareLink.setAttribute("aria-disabled", keys.length ? "false" : "true");
            selectionNote.textContent = keys.length ? keys.length + " selected" : "tick configurations to compare them";
          }
          compareLink.addEventListener("click", (event) => { if (compareLink.classList.contains("disabled")) event.preventDefault(); });

          // Rebuilt only when the grid or its values change, so a refresh keeps
          // the chosen values and the focus.
          function renderFilters(answer) {
            const values = {};
            for (const setting of answer.varying) {
              values[setting] = Array.from(new Set(answer.configurations.map((row) => row.settings[setting] || "")));
              values[setting].sort((a, b) => String(a).localeCompare(String(b), undefined, { numeric: true }));
            }
            const signature = JSON.stringify(values);
            if (signature === filterSignature) return;
            filterSignature = signature;
            const selects = answer.varying.map((setting) => {
              if (state.filters[setting] && !values[setting].includes(state.filters[setting])) state.filters[setting] = "";
              return R.select(setting, [["", "any"], ...values[setting].map((value) => [value, value])], state.filters[setting] || "",
                (value) => { state.filters[setting] = value; filterChanged(); });
            });
            R.replace(filterBar, R.h("span", { class: "muted" }, "Filter:"), selects, textFilter);
          }

          function renderSettingChoices(answer) {
            const choices = answer.varying.filter((setting) => answer.configurations.every((row) => row.settings[setting] !== "" && isFinite(Number(row.settings[setting]))));
            if (!choices.includes(state.bySetting.setting)) state.bySetting.setting = choices.includes("eta") ? "eta" : choices[0] || null;
            const signature = choices.join(",");
            if (settingSelect.dataset.choices !== signature) {
              settingSelect.dataset.choices = signature;
              R.replace(settingSelect, choices.map((setting) => R.h("option", { value: setting, selected: setting === state.bySetting.setting }, setting)));
            }
            bySetting.options.emptyText = answer.varying.length
              ? "No numeric setting varies: the chart needs one on its x axis."
              : "Nothing varies between this experiment's configurations.";
          }

          async function refresh() {
            const answer = await R.json(R.path("api", "experiments", name));
            detail = answer;
            description.textContent = answer.description || "";
            const counts = answer.counts || {};
            const total = Object.values(counts).reduce((a, b) => a + b, 0);
            summary.textContent = (counts.done || 0) + "/" + total + " runs done" +
              ["running", "pending", "pruned", "failed", "diverged"].filter((status) => counts[status]).map((status) => ", " + counts[status] + " " + status).join("") +
              " · " + answer.configurations.length + " configurations" + (answer.varying.length ? " over " + answer.varying.join(" × ") : "") +
              (answer.created_at ? " · created " + answer.created_at : "");
            renderFilters(answer);
            renderSettingChoices(answer);
            if (JSON.stringify(table.columns.map((c) => c.label)) !== JSON.stringify(columns(answer.varying).map((c) => c.label))) {
              table.columns = columns(answer.varying);
              table.renderHead();
            }
            table.filter = passes;
            table.setRows(answer.configurations);
            updateCompareLink();
            stopping.render(answer.decisions);
            await Promise.all([curves.load(), bySetting.load(), stopping.load()]);
          }

          const element = R.h("div", { class: "view experiment-view" },
            R.h("p", { class: "crumbs" }, R.h("a", { href: "/" }, "Experiments"), " / "),
            heading, description, summary, filterBar, table.element,
            R.h("div", { class: "actions" }, compareLink, " ", selectionNote),
            stopping.element, curves.element, bySetting.element);

          return { element, title: name, load: refresh, refresh };
        };
        """#
}
