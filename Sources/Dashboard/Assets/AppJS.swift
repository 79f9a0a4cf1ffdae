extension Assets {
    static let appJS = #"""
        "use strict";
        """#
}
