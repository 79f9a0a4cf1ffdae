extension Assets {
    static let styleCSS = #"""
        body { font-family: sans-serif; }
        """#
}
