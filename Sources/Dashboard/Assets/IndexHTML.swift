extension Assets {
    static let indexHTML = #"""
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>runner</title>
        <link rel="icon" href="data:,">
        <link rel="stylesheet" href="/assets/style.css">
        </head>
        <body>
        <main id="view" data-state="loading"><p class="muted">Loading…</p></main>
        <noscript><p>The dashboard needs JavaScript.</p></noscript>
        <script src="/assets/core.js"></script>
        <script src="/assets/search.js"></script>
        <script src="/assets/experiments.js"></script>
        <script src="/assets/pages.js"></script>
        <script src="/assets/app.js"></script>
        </body>
        </html>
        """#
}
