import ArgumentParser
import Foundation

/// Layer sizes written as `784,30,10`.
struct LayerSizes: ExpressibleByArgument {
    let sizes: [Int]

    init?(argument: String) {
        let parts = argument.split(separator: ",", omittingEmptySubsequences: false)
        let sizes = parts.compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard sizes.count == parts.count, sizes.count >= 2, sizes.allSatisfy({ $0 >= 1 }) else { return nil }
        self.sizes = sizes
    }

    init(_ sizes: [Int]) { self.sizes = sizes }

    var defaultValueDescription: String { sizes.map(String.init).joined(separator: ",") }
}
