import Foundation

/// The page's files, compiled into the binary so that the dashboard works
/// offline and from any directory. Only these names are served: a path is
/// looked up, never joined to a directory.
enum Assets {
    static func response(for name: String) -> DashboardResponse? {
        guard let (type, text) = files[name] else { return nil }
        return DashboardResponse(contentType: type, body: Data(text.utf8))
    }

    static let files: [String: (type: String, text: String)] = [
        "index.html": ("text/html; charset=utf-8", indexHTML),
        "core.js": ("text/javascript; charset=utf-8", coreJS),
        "search.js": ("text/javascript; charset=utf-8", searchJS),
        "experiments.js": ("text/javascript; charset=utf-8", experimentsJS),
        "pages.js": ("text/javascript; charset=utf-8", pagesJS),
        "app.js": ("text/javascript; charset=utf-8", appJS),
        "style.css": ("text/css; charset=utf-8", styleCSS),
    ]
}
