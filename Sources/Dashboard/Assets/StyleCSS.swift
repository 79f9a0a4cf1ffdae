extension Assets {
    static let styleCSS = #"""
        :root {
          --text: #1d2329;
          --muted: #69737d;
          --rule: #e3e6ea;
          --head: #f6f7f9;
          --accent: #1f5fbf;
          --bad: #b3261e;
          --bad-bg: #fdecea;
          --warn-bg: #fff6e0;
          --ok: #2e7d32;
        }
        * { box-sizing: border-box; }
        html { font-size: 14px; }
        body {
          margin: 0;
          font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
          color: var(--text);
          background: #fff;
          line-height: 1.4;
        }
        a { color: var(--accent); text-decoration: none; }
        a:hover { text-decoration: underline; }
        h1 { font-size: 1.5rem; margin: 0.4rem 0 0.3rem; font-weight: 600; }
        h2 { font-size: 1.05rem; margin: 0; font-weight: 600; }
        main { max-width: 1400px; margin: 0 auto; padding: 0.5rem 1.2rem 3rem; }
        .muted { color: var(--muted); }
        .spacer { flex: 1; }

        nav.top {
          display: flex; align-items: center; gap: 1.2rem;
          padding: 0.55rem 1.2rem; background: #20262d; color: #fff;
          position: sticky; top: 0; z-index: 5;
        }
        nav.top a { color: #d5dbe1; font-weight: 500; }
        nav.top a.active { color: #fff; border-bottom: 2px solid #7fb0ff; }
        nav.top a.brand { color: #fff; font-weight: 700; letter-spacing: 0.02em; }
        nav.top .live { font-size: 0.8rem; color: #9fd49f; }
        nav.top .live::before { content: "● "; }
        nav.top .live.offline { color: #ff9a8f; }

        .crumbs { margin: 0.4rem 0 0; color: var(--muted); font-size: 0.9rem; }
        .description { margin: 0.2rem 0; white-space: pre-wrap; }
        .error {
          background: var(--bad-bg); color: var(--bad); border: 1px solid #f3b8b2;
          padding: 0.5rem 0.75rem; border-radius: 4px; margin: 0.5rem 0; white-space: pre-wrap;
        }
        .warning { background: var(--warn-bg); border: 1px solid #f0d48a; padding: 0.4rem 0.7rem; border-radius: 4px; margin: 0.4rem 0; }
        .notice:empty, .chart-message:empty, .view-error:empty { display: none; }
        .notice { color: var(--muted); margin: 0.5rem 0; }

        .toolbar { display: flex; flex-wrap: wrap; align-items: center; gap: 0.6rem; margin: 1.1rem 0 0.4rem; }
        .controls { display: inline-flex; flex-wrap: wrap; gap: 0.7rem; align-items: center; }
        .control { font-size: 0.9rem; color: var(--muted); white-space: nowrap; }
        select, input[type=search], textarea, button { font: inherit; }
        select, input[type=search] { padding: 0.15rem 0.3rem; border: 1px solid #c8cdd3; border-radius: 3px; background: #fff; color: var(--text); }
        button {
          padding: 0.2rem 0.65rem; border: 1px solid #c8cdd3; border-radius: 3px;
          background: #fff; color: var(--text); cursor: pointer;
        }
        button:hover { background: var(--head); }
        button:disabled { opacity: 0.5; cursor: default; }
        button.primary { background: var(--accent); border-color: var(--accent); color: #fff; }
        button.export { font-size: 0.8rem; padding: 0.1rem 0.5rem; color: var(--muted); }
        button.link { border: none; background: none; color: var(--accent); padding: 0; }
        button.remove { font-size: 0.8rem; padding: 0 0.4rem; }
        a.button {
          display: inline-block; padding: 0.25rem 0.75rem; border-radius: 3px;
          background: var(--accent); color: #fff;
        }
        a.button.disabled { background: #b9c3cf; pointer-events: none; }
        .actions { margin: 0.6rem 0; display: flex; align-items: center; gap: 0.5rem; flex-wrap: wrap; }
        .filters { display: flex; flex-wrap: wrap; gap: 0.8rem; align-items: center; margin: 0.7rem 0 0; }

        .table-scroll { overflow-x: auto; }
        table.data { border-collapse: collapse; width: 100%; font-size: 0.92rem; }
        table.data th, table.data td { padding: 0.3rem 0.6rem; border-bottom: 1px solid var(--rule); text-align: left; vertical-align: top; }
        table.data th { background: var(--head); font-weight: 600; white-space: nowrap; border-bottom: 1px solid #cfd4da; }
        table.data th.sortable { cursor: pointer; user-select: none; }
        table.data th.sortable:hover { color: var(--accent); }
        table.data .num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        table.data td.key { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 0.8rem; color: var(--muted); }
        table.data td.description { max-width: 28rem; }
        table.data tr:hover td { background: #fafbfc; }
        table.data tr.detail td { background: #fbfbfc; padding-left: 2.5rem; }
        table.data tr.empty td { color: var(--muted); text-align: center; padding: 1rem; }
        table.data tr.has-problems td:first-child { box-shadow: inset 3px 0 var(--bad); }
        table.data .null { color: #a0a7ae; font-style: italic; }
        .run-list { margin: 0; padding: 0; list-style: none; display: flex; flex-wrap: wrap; gap: 0.3rem 1.4rem; }

        .progress { display: inline-flex; align-items: center; gap: 0.5rem; white-space: nowrap; }
        .bar { display: inline-block; width: 7rem; height: 0.55rem; background: #e8ebee; border-radius: 3px; overflow: hidden; }
        .bar .fill { display: block; height: 100%; background: #8fb3e3; }
        .progress.running .fill { background: var(--accent); }
        .progress-text { font-size: 0.85rem; color: var(--muted); }

        .status { font-size: 0.8rem; padding: 0.05rem 0.45rem; border-radius: 8px; background: #eceff2; color: var(--muted); vertical-align: middle; }
        .status-done { background: #e5f3e6; color: var(--ok); }
        .status-running { background: #e4eefc; color: var(--accent); }
        .status-failed, .status-diverged { background: var(--bad-bg); color: var(--bad); }
        .status-pruned, .verdict-prune { background: var(--warn-bg); color: #7a5a00; }
        .verdict-promote { background: #e5f3e6; color: var(--ok); }
        .run-error { font-size: 1rem; }
        .pruned-box {
          background: var(--warn-bg); border: 1px solid #f0d48a; padding: 0.5rem 0.75rem;
          border-radius: 4px; margin: 0.5rem 0; font-size: 1rem;
        }
        .early-stopping { margin-top: 1.4rem; border-top: 1px solid var(--rule); padding-top: 0.6rem; }
        .section-title { font-size: 1.2rem; }

        .chart-block { margin-top: 0.6rem; }
        .chart { min-height: 2rem; }
        .chart svg { display: block; max-width: 100%; height: auto; }

        .fields { display: grid; grid-template-columns: repeat(auto-fit, minmax(25rem, 1fr)); gap: 0.4rem 2.5rem; margin-top: 0.8rem; }
        .field-group h2 { font-size: 0.95rem; color: var(--muted); margin: 0.5rem 0 0.2rem; }
        dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.15rem 1rem; margin: 0; }
        dt { color: var(--muted); }
        dd { margin: 0; overflow-wrap: anywhere; font-variant-numeric: tabular-nums; }
        dd.mono { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 0.8rem; }

        .sql-view textarea {
          width: 100%; font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 0.9rem;
          padding: 0.5rem; border: 1px solid #c8cdd3; border-radius: 4px; resize: vertical;
        }
        .examples { display: flex; flex-wrap: wrap; gap: 0.4rem; align-items: center; margin: 0.5rem 0; }
        button.example { font-size: 0.85rem; }
        .sql-status { margin: 0.3rem 0; }

        @media (max-width: 700px) {
          main { padding: 0.4rem 0.6rem 2rem; }
          nav.top { gap: 0.8rem; padding: 0.5rem 0.6rem; }
          table.data td.description { max-width: 12rem; }
        }
        """#
}
