import ArgumentParser
import Backprop
import Cluster

// Library types that flags take, made parseable here, where the command line is.

extension Initialization: ExpressibleByArgument {}
extension CostFunction: ExpressibleByArgument {}

/// `--only I,J`: a value that is no list of indices is refused as invalid.
extension SlurmArrayIndices: ExpressibleByArgument {
    public init?(argument: String) { self.init(argument) }
}
