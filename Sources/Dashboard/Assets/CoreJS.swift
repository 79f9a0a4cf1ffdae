extension Assets {
    static let coreJS = #"""
        "use strict";
        // Shared by every view: DOM building, the API, formatting, downloads,
        // sortable tables and charts. Data from the database only ever reaches the
        // page as text nodes and attribute values, never as markup.
        const R = {};

        R.h = function (tag, attributes, ...children) {
          const node = document.createElement(tag);
          for (const [name, value] of Object.entries(attributes || {})) {
            if (value === null || value === undefined || value === false) continue;
            if (name.startsWith("on") && typeof value === "function") {
              node.addEventListener(name.slice(2), value);
            } else if (name === "checked" || name === "value" || name === "disabled" || name === "selected") {
              node[name] = value;
            } else {
              node.setAttribute(name, value === true ? "" : String(value));
            }
          }
          R.append(node, children);
          return node;
        };

        R.append = function (node, children) {
          for (const child of children.flat(Infinity)) {
            if (child === null || child === undefined || child === false) continue;
            node.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
          }
          return node;
        };

        R.clear = function (node) {
          while (node.firstChild) node.removeChild(node.firstChild);
          return node;
        };

        R.replace = function (node, ...children) {
          R.clear(node);
          return R.append(node, children);
        };

        // Path segments and query values go through encodeURIComponent, so names
        // with spaces, '+', '&' or '#' reach the server as they are.
        R.path = function (...parts) {
          return "/" + parts.map((part) => encodeURIComponent(String(part))).join("/");
        };

        R.query = function (pairs) {
          const text = pairs
            .filter(([, value]) => value !== null && value !== undefined)
            .map(([name, value]) => encodeURIComponent(name) + "=" + encodeURIComponent(String(value)))
            .join("&");
          return text ? "?" + text : "";
        };

        // Errors carry the server's own message, for the page to show.
        R.request = async function (url, options) {
          let response;
          try {
            response = await fetch(url, Object.assign({ credentials: "same-origin", cache: "no-store" }, options));
          } catch (error) {
            throw new Error("cannot reach the server (" + error.message + ")");
          }
          if (!response.ok) {
            let message = response.status + " " + response.statusText;
            try {
              const body = await response.json();
              if (body && typeof body.error === "string") message = body.error;
            } catch (ignored) { /* not JSON: keep the status */ }
            const error = new Error(message);
            error.status = response.status;
            throw error;
          }
          return response;
        };

        R.json = async (url, options) => (await R.request(url, options)).json();
        R.text = async (url) => (await R.request(url)).text();

        R.errorBox = (message) => R.h("div", { class: "error", role: "alert" }, message);

        // ---- formatting ----

        R.percent = (value) => (typeof value === "number" && isFinite(value) ? (value * 100).toFixed(2) : "–");

        R.meanSD = function (statistics) {
          if (!statistics || typeof statistics.mean !== "number") return "–";
          const sd = typeof statistics.sd === "number" && isFinite(statistics.sd) ? " ± " + R.percent(statistics.sd) : "";
          return R.percent(statistics.mean) + sd;
        };

        R.number = function (value, digits) {
          if (value === null || value === undefined) return "–";
          if (typeof value !== "number") return String(value);
          if (!isFinite(value)) return String(value);
          return digits === undefined ? String(value) : value.toFixed(digits);
        };

        R.duration = function (seconds) {
          if (!(seconds >= 0) || !isFinite(seconds)) return "";
          if (seconds < 60) return Math.max(1, Math.round(seconds)) + " s";
          const minutes = Math.round(seconds / 60);
          if (minutes < 60) return minutes + " min";
          const hours = Math.floor(minutes / 60);
          return hours + " h" + (minutes % 60 ? " " + (minutes % 60) + " min" : "");
        };

        R.ago = function (iso) {
          if (!iso) return "–";
          const then = Date.parse(iso);
          if (isNaN(then)) return iso;
          const seconds = (Date.now() - then) / 1000;
          if (seconds < 5) return "just now";
          if (seconds < 86400) return R.duration(seconds) + " ago";
          return iso.slice(0, 10);
        };

        R.fileName = (text) => String(text).replace(/[^A-Za-z0-9._+-]+/g, "_").slice(0, 120) || "export";

        // ---- downloads ----

        R.download = function (name, blob) {
          const url = URL.createObjectURL(blob);
          const link = R.h("a", { href: url, download: name, hidden: true });
          document.body.appendChild(link);
          link.click();
          link.remove();
          setTimeout(() => URL.revokeObjectURL(url), 10000);
        };

        // RFC 4180: a field with a comma, quote or line break is quoted, its
        // quotes doubled; records end in CRLF.
        R.csv = function (header, rows) {
          const field = (value) => {
            const text = value === null || value === undefined ? "" : String(value);
            return /[",\r\n]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
          };
          return [header, ...rows].map((row) => row.map(field).join(",")).join("\r\n") + "\r\n";
        };

        R.button = (label, onclick, attributes) =>
          R.h("button", Object.assign({ type: "button", onclick }, attributes || {}), label);

        // ---- tables ----

        // A table whose rows are re-rendered in place when data arrives, keeping
        // its sort. Columns: {label, value(row) for sorting, text(row) as shown and
        // exported, cell(row) for a node instead of text, numeric, csv: false to
        // leave out of the export, sortable: false}.
        R.Table = class {
          constructor(options) {
            this.options = options;
            this.columns = options.columns;
            this.rows = [];
            this.shown = [];
            this.filter = null;
            this.sort = options.sort || null; // {index, descending}
            this.body = R.h("tbody");
            this.head = R.h("thead");
            this.count = R.h("span", { class: "muted" });
            this.table = R.h("table", { class: "data" + (options.className ? " " + options.className : "") }, this.head, this.body);
            this.element = R.h("div", { class: "table-block" },
              R.h("div", { class: "toolbar" },
                options.caption ? R.h("h2", {}, options.caption) : null,
                this.count,
                R.h("span", { class: "spacer" }),
                R.button("CSV", () => this.downloadCSV(), { class: "export", title: "Download the table as shown (CSV)" })),
              R.h("div", { class: "table-scroll" }, this.table));
            this.renderHead();
          }

          setColumns(columns) {
            this.columns = columns;
            if (this.sort && this.sort.index >= columns.length) this.sort = null;
            this.renderHead();
            this.render();
          }

          setRows(rows) {
            this.rows = rows;
            this.render();
          }

          setFilter(filter) {
            this.filter = filter;
            this.render();
          }

          renderHead() {
            const cells = this.columns.map((column, index) => {
              const sorted = this.sort && this.sort.index === index;
              const attributes = { class: column.numeric ? "num" : null, title: column.title || null };
              if (column.sortable === false || !column.value) return R.h("th", attributes, column.header || column.label);
              attributes["aria-sort"] = sorted ? (this.sort.descending ? "descending" : "ascending") : "none";
              attributes.class = (attributes.class ? attributes.class + " " : "") + "sortable";
              attributes.onclick = () => {
                const descending = sorted ? !this.sort.descending : !!column.numeric;
                this.sort = { index, descending };
                this.renderHead();
                this.render();
              };
              return R.h("th", attributes, column.label, R.h("span", { class: "arrow" }, sorted ? (this.sort.descending ? " ▼" : " ▲") : ""));
            });
            R.replace(this.head, R.h("tr", {}, cells));
          }

          sortedRows() {
            let rows = this.filter ? this.rows.filter(this.filter) : this.rows.slice();
            if (this.sort) {
              const column = this.columns[this.sort.index];
              const sign = this.sort.descending ? -1 : 1;
              const keyed = rows.map((row, position) => ({ row, position, value: column.value(row) }));
              keyed.sort((a, b) => {
                const missingA = a.value === null || a.value === undefined || (typeof a.value === "number" && isNaN(a.value));
                const missingB = b.value === null || b.value === undefined || (typeof b.value === "number" && isNaN(b.value));
                // Missing values go last whichever the direction.
                if (missingA || missingB) return missingA === missingB ? a.position - b.position : missingA ? 1 : -1;
                let order;
                if (typeof a.value === "number" && typeof b.value === "number") order = a.value - b.value;
                else order = String(a.value).localeCompare(String(b.value), undefined, { numeric: true });
                return order * sign || a.position - b.position;
              });
              rows = keyed.map((item) => item.row);
            }
            return rows;
          }

          render() {
            this.shown = this.sortedRows();
            const rows = [];
            for (const row of this.shown) {
              rows.push(R.h("tr", { class: this.options.rowClass ? this.options.rowClass(row) : null },
                this.columns.map((column) => R.h("td", { class: column.numeric ? "num" : column.className || null },
                  column.cell ? column.cell(row) : column.text(row)))));
              const detail = this.options.detail ? this.options.detail(row) : null;
              if (detail) rows.push(R.h("tr", { class: "detail" }, R.h("td", { colspan: this.columns.length }, detail)));
            }
            if (!this.shown.length) {
              rows.push(R.h("tr", { class: "empty" }, R.h("td", { colspan: this.columns.length },
                this.rows.length ? "No rows match the filter." : this.options.emptyText || "No rows.")));
            }
            R.replace(this.body, rows);
            const total = this.rows.length;
            this.count.textContent = this.shown.length === total ? total + (total === 1 ? " row" : " rows") : this.shown.length + " of " + total + " rows";
          }

          downloadCSV() {
            const columns = this.columns.filter((column) => column.csv !== false);
            const header = columns.map((column) => column.label);
            const rows = this.shown.map((row) => columns.map((column) => (column.csvText || column.text)(row)));
            R.download(R.fileName(this.options.fileName ? this.options.fileName() : "table") + ".csv",
              new Blob([R.csv(header, rows)], { type: "text/csv;charset=utf-8" }));
          }
        };

        // ---- charts ----

        const SVG_NS = "http://www.w3.org/2000/svg";

        // The server escapes what it puts into its SVG; this also drops anything
        // that could run, in case a chart ever carries more than drawing.
        R.parseSVG = function (text) {
          const parsed = new DOMParser().parseFromString(text, "image/svg+xml");
          const root = parsed.documentElement;
          if (!root || root.namespaceURI !== SVG_NS || root.localName !== "svg" || parsed.getElementsByTagName("parsererror").length) {
            throw new Error("the server sent a chart that is not SVG");
          }
          for (const element of Array.from(root.querySelectorAll("script, foreignObject"))) element.remove();
          for (const element of [root, ...root.querySelectorAll("*")]) {
            for (const attribute of Array.from(element.attributes)) {
              const name = attribute.name.toLowerCase();
              const value = attribute.value.trim().toLowerCase();
              if (name.startsWith("on") || ((name === "href" || name === "xlink:href") && !value.startsWith("#"))) {
                element.removeAttribute(attribute.name);
              }
            }
          }
          return document.importNode(root, true);
        };

        // A chart from one of the server's *.svg endpoints, with its controls
        // above it and SVG/PNG export. `url()` is asked afresh on every load, so
        // the controls' state is the view's, read at the time.
        R.Chart = class {
          constructor(options) {
            this.options = options;
            this.svgText = null;
            this.sequence = 0;
            this.figure = R.h("div", { class: "chart", "data-chart": options.name || "chart" });
            this.message = R.h("div", { class: "chart-message" });
            this.element = R.h("section", { class: "chart-block" },
              R.h("div", { class: "toolbar" },
                options.title ? R.h("h2", {}, options.title) : null,
                options.controls || null,
                R.h("span", { class: "spacer" }),
                R.button("SVG", () => this.downloadSVG(), { class: "export", title: "Download the chart as SVG" }),
                R.button("PNG", () => this.downloadPNG(), { class: "export", title: "Download the chart as PNG (2×)" })),
              this.message, this.figure);
          }

          async load() {
            const sequence = ++this.sequence;
            const url = this.options.url();
            if (!url) {
              this.svgText = null;
              R.clear(this.figure);
              this.message.textContent = this.options.emptyText || "Nothing to draw.";
              return;
            }
            try {
              const text = await R.text(url);
              if (sequence !== this.sequence) return; // a newer request is under way
              const svg = R.parseSVG(text);
              this.svgText = text;
              this.message.textContent = "";
              // Swapped in one step, so the page keeps its height and scroll.
              if (this.figure.firstChild) this.figure.replaceChild(svg, this.figure.firstChild);
              else this.figure.appendChild(svg);
            } catch (error) {
              if (sequence !== this.sequence) return;
              this.svgText = null;
              R.clear(this.figure);
              this.message.textContent = "";
              this.message.appendChild(R.errorBox("Chart: " + error.message));
            }
          }

          baseName() {
            return R.fileName(this.options.fileName ? this.options.fileName() : "chart");
          }

          downloadSVG() {
            if (!this.svgText) return;
            R.download(this.baseName() + ".svg", new Blob([this.svgText], { type: "image/svg+xml;charset=utf-8" }));
          }

          // The SVG drawn at twice its size on a white canvas. An SVG without a
          // width and height has no size of its own as an image, so the size it is
          // shown at is written into a copy.
          downloadPNG() {
            if (!this.svgText) return;
            const copy = new DOMParser().parseFromString(this.svgText, "image/svg+xml").documentElement;
            const shown = this.figure.firstChild ? this.figure.firstChild.getBoundingClientRect() : { width: 0, height: 0 };
            let width = parseFloat(copy.getAttribute("width"));
            let height = parseFloat(copy.getAttribute("height"));
            const box = (copy.getAttribute("viewBox") || "").split(/[\s,]+/).map(Number);
            if (!(width > 0) || !(height > 0)) {
              if (box.length === 4 && box[2] > 0 && box[3] > 0) {
                width = box[2];
                height = box[3];
              } else {
                width = shown.width || 720;
                height = shown.height || 400;
              }
            }
            copy.setAttribute("width", width);
            copy.setAttribute("height", height);
            const blob = new Blob([new XMLSerializer().serializeToString(copy)], { type: "image/svg+xml;charset=utf-8" });
            const url = URL.createObjectURL(blob);
            const image = new Image();
            image.onload = () => {
              const scale = 2;
              const canvas = R.h("canvas", { width: Math.ceil(width * scale), height: Math.ceil(height * scale) });
              const context = canvas.getContext("2d");
              context.fillStyle = "#ffffff";
              context.fillRect(0, 0, canvas.width, canvas.height);
              context.drawImage(image, 0, 0, canvas.width, canvas.height);
              URL.revokeObjectURL(url);
              canvas.toBlob((png) => { if (png) R.download(this.baseName() + ".png", png); }, "image/png");
            };
            image.onerror = () => {
              URL.revokeObjectURL(url);
              this.message.replaceChildren(R.errorBox("The chart could not be drawn as PNG."));
            };
            image.src = url;
          }
        };

        // A labelled <select>; `onchange` gets the new value.
        R.select = function (label, choices, value, onchange) {
          const select = R.h("select", { onchange: () => onchange(select.value) },
            choices.map(([choice, text]) => R.h("option", { value: choice, selected: choice === value }, text)));
          return R.h("label", { class: "control" }, label + " ", select);
        };

        R.checkbox = function (label, checked, onchange) {
          const box = R.h("input", { type: "checkbox", checked, onchange: () => onchange(box.checked) });
          return R.h("label", { class: "control" }, box, " " + label);
        };

        R.epochMetrics = [
          ["validation_accuracy", "validation accuracy"],
          ["test_accuracy", "test accuracy"],
          ["validation_cost", "validation cost"],
          ["test_cost", "test cost"],
          ["train_cost", "training cost"],
        ];

        R.outcomeMetrics = [
          ["test_accuracy_at_best_validation", "test accuracy at best validation"],
          ["best_validation_accuracy", "best validation accuracy"],
          ["best_accuracy", "best test accuracy"],
          ["final_accuracy", "final accuracy"],
        ];

        // The controls of a learning-curve chart, over a state object the view
        // keeps (and so keeps across refreshes).
        R.curveControls = function (state, changed, options) {
          const controls = [
            R.select("Metric", R.epochMetrics, state.metric, (value) => { state.metric = value; changed(); }),
            R.select("x", [["epoch", "epochs"], ["seconds", "seconds"]], state.x, (value) => { state.x = value; changed(); }),
          ];
          if (!options || options.bands !== false) {
            controls.push(
              R.select("Band", [["sd", "± sd"], ["minmax", "min–max"], ["none", "none"]], state.band, (value) => { state.band = value; changed(); }),
              R.checkbox("seeds", state.seeds, (value) => { state.seeds = value; changed(); }));
          }
          return R.h("span", { class: "controls" }, controls);
        };

        R.curveQuery = (state) => [["metric", state.metric], ["x", state.x], ["band", state.band], ["seeds", state.seeds ? "1" : "0"]];

        // The four outcome columns of a configurations table.
        R.statisticColumns = function () {
          return [
            ["test_accuracy_at_best_validation", "Test @ best val. (%)", "Test accuracy at the epoch of best validation accuracy: mean ± sd over seeds"],
            ["best_validation_accuracy", "Best val. (%)", "Best validation accuracy: mean ± sd over seeds"],
            ["best_accuracy", "Best test (%)", "Best test accuracy, chosen on the test set: mean ± sd over seeds"],
            ["final_accuracy", "Final (%)", "Final test accuracy: mean ± sd over seeds"],
          ].map(([key, label, title]) => ({
            label, title, numeric: true,
            value: (row) => (row.statistics && row.statistics[key] ? row.statistics[key].mean : null),
            text: (row) => R.meanSD(row.statistics && row.statistics[key]),
          }));
        };

        R.statusCounts = function (runs) {
          const counts = {};
          for (const run of runs) counts[run.status] = (counts[run.status] || 0) + 1;
          return Object.entries(counts).map(([status, count]) => count + " " + status).join(", ");
        };
        """#
}
