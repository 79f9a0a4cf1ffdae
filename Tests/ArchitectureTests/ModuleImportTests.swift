import Foundation
import XCTest

/// Data flows one way through the modules: each may import only those below
/// it (README, Architecture). A module that imports one it must not fails
/// here, naming the file and the line.
final class ModuleImportTests: XCTestCase {
    /// Our modules and the ones of ours each may import.
    static let allowed: [String: Set<String>] = [
        "Datasets": ["CZlib"],
        "Backprop": ["CBackprop", "Datasets"],
        "Experiments": ["Backprop", "Datasets"],
        "Results": [],
        "Sweep": ["Backprop", "Datasets", "Experiments", "Results"],
        "Cluster": ["Results"],
        "Dashboard": ["Results"],
        "runner": ["Backprop", "Cluster", "Dashboard", "Datasets", "Experiments", "Results", "Sweep"],
    ]
    static let ours: Set<String> = Set(allowed.keys).union(["CBackprop", "CZlib"])

    static let sources = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Sources")

    func testEveryModuleImportsOnlyTheModulesBelowIt() throws {
        var violations: [String] = []
        for (module, allowed) in Self.allowed.sorted(by: { $0.key < $1.key }) {
            for (file, line, imported) in try Self.imports(of: module) where Self.ours.contains(imported) {
                if !allowed.contains(imported) {
                    violations.append("\(module)/\(file):\(line): imports \(imported)")
                }
            }
        }
        XCTAssertEqual(violations, [], "imports against the module graph")
    }

    /// The rule is checked on something: every module's files are read and
    /// the imports the graph relies on are found.
    func testTheImportsAreRead() throws {
        XCTAssertEqual(Set(try Self.imports(of: "Sweep").map(\.module)), ["Backprop", "Datasets", "Experiments", "Foundation", "Results"])
        XCTAssertTrue(try Self.imports(of: "Backprop").contains { $0.module == "CBackprop" })
        XCTAssertEqual(
            try FileManager.default.contentsOfDirectory(atPath: Self.sources.path).filter { !["CBackprop", "CZlib"].contains($0) }.sorted(),
            Self.allowed.keys.sorted(), "a module the graph does not name")
    }

    /// Every `import X` (also `@testable`, `@_implementationOnly`, `import struct X.Y`) in a module's Swift files.
    static func imports(of module: String) throws -> [(file: String, line: Int, module: String)] {
        let directory = sources.appendingPathComponent(module)
        guard let files = FileManager.default.enumerator(atPath: directory.path) else { return [] }
        var found: [(String, Int, String)] = []
        for case let file as String in files where file.hasSuffix(".swift") {
            let text = try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
            for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let words = line.split(separator: " ").filter { !$0.hasPrefix("@") }
                guard words.first == "import", words.count >= 2 else { continue }
                let path = words.count >= 3 && ["struct", "class", "enum", "protocol", "func", "var", "typealias"].contains(String(words[1]))
                    ? words[2] : words[1]
                found.append((file, index + 1, String(path.split(separator: ".")[0])))
            }
        }
        return found
    }
}
