extension Assets {
    static let indexHTML = #"""
        <!doctype html>
        <html lang="en">
        <head><meta charset="utf-8"><title>runner</title><link rel="stylesheet" href="/assets/style.css"></head>
        <body><main id="view"></main><script src="/assets/app.js"></script></body>
        </html>
        """#
}
