import Foundation

/// Turns the dataset names users write in experiment files into directories.
///
/// ```swift
/// DatasetRegistry.resolve("mnist", base: "/work/runner")   // "/work/runner/data/mnist"
/// DatasetRegistry.resolve("fashion-mnist")                 // "/usr/share/datasets/fashion-mnist" (Debian's dataset-fashion-mnist)
/// DatasetRegistry.resolve("data/kmnist", base: "/w")       // "/w/data/kmnist"
/// ```
public enum DatasetRegistry {
    /// Names that resolve to a known location rather than a path.
    public static let builtInNames = ["mnist", "fashion-mnist"]

    /// The directory for a built-in name or a path (relative paths are relative to `base`);
    /// nil when that directory does not exist.
    public static func resolve(_ nameOrPath: String, base: String = FileManager.default.currentDirectoryPath) -> String? {
        let path: String
        switch nameOrPath {
        case "mnist":
            path = join(base, "data/mnist")
        case "fashion-mnist":
            path = "/usr/share/datasets/fashion-mnist"
        default:
            path = nameOrPath.hasPrefix("/") ? nameOrPath : join(base, nameOrPath)
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
            return nil
        }
        return path
    }

    private static func join(_ base: String, _ relative: String) -> String {
        base.hasSuffix("/") ? base + relative : base + "/" + relative
    }
}
