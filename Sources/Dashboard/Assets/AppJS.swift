extension Assets {
    static let appJS = #"""
        "use strict";
        // Chooses the view from the URL, and keeps it current: /api/changes is
        // polled every second and the view refreshes its data in place when the
        // database has changed.

        R.route = function () {
          const parts = location.pathname.split("/").filter(Boolean).map((part) => {
            try { return decodeURIComponent(part); } catch (ignored) { return part; }
          });
          if (!parts.length) return { nav: "experiments", view: R.views.experiments() };
          if (parts[0] === "experiments" && parts.length === 2) return { nav: "experiments", view: R.views.experiment(parts[1]) };
          if (parts[0] === "compare" && parts.length === 1) return { nav: "compare", view: R.views.compare() };
          if (parts[0] === "runs" && parts.length === 2) return { nav: "experiments", view: R.views.run(parts[1]) };
          if (parts[0] === "sql" && parts.length === 1) return { nav: "sql", view: R.views.sql() };
          return null;
        };

        R.navigation = function (active) {
          let compare = "/compare";
          try { compare += localStorage.getItem("runner.compare") || ""; } catch (ignored) { /* private mode */ }
          const link = (name, href, text) => R.h("a", { href, class: name === active ? "active" : null, "aria-current": name === active ? "page" : null }, text);
          R.live = R.h("span", { class: "live", title: "Follows the database: refreshed when a sweep commits" }, "live");
          return R.h("nav", { class: "top" },
            R.h("a", { href: "/", class: "brand" }, "runner"),
            link("experiments", "/", "Experiments"), link("compare", compare, "Compare"), link("sql", "/sql", "SQL"),
            R.h("span", { class: "spacer" }), R.live);
        };

        R.start = async function () {
          const main = document.getElementById("view");
          const route = R.route();
          document.body.insertBefore(R.navigation(route ? route.nav : null), main);
          if (!route) {
            R.replace(main, R.h("h1", {}, "Not found"), R.errorBox("No page at " + location.pathname + "."));
            return;
          }
          const { view } = route;
          document.title = view.title + " · runner";
          const problem = R.h("div", { class: "view-error" });
          R.replace(main, problem, view.element);
          // Until its data has loaded once, a view is an empty frame: only the
          // error is shown. After that, a failed refresh keeps the data on show.
          view.element.hidden = true;
          const guarded = async (action) => {
            try {
              await action();
              R.clear(problem);
              view.element.hidden = false;
              main.dataset.state = "ready";
            } catch (error) {
              R.replace(problem, R.errorBox(error.message));
              main.dataset.state = "error";
            }
          };
          // Read before the first load, so that a commit during it is caught up on.
          let counter = null;
          try { counter = (await R.json("/api/changes")).counter; } catch (ignored) { /* shown by the poll */ }
          await guarded(view.load);
          R.follow(() => guarded(view.refresh), counter);
        };

        R.follow = function (refresh, initial) {
          let counter = initial === undefined ? null : initial;
          let busy = false;
          const tick = async () => {
            if (!busy) {
              busy = true;
              try {
                const answer = await R.json("/api/changes");
                R.live.classList.remove("offline");
                R.live.textContent = "live";
                if (counter !== null && answer.counter !== counter) {
                  counter = answer.counter;
                  await refresh();
                  document.getElementById("view").dataset.counter = String(counter);
                }
                counter = answer.counter;
              } catch (error) {
                R.live.classList.add("offline");
                R.live.textContent = "offline";
                R.live.title = error.message;
              } finally {
                busy = false;
              }
            }
            setTimeout(tick, 1000);
          };
          tick();
        };

        document.addEventListener("DOMContentLoaded", () => { R.start(); });
        """#
}
