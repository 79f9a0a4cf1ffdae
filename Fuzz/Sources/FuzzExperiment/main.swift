import Datasets
import Experiments
import FuzzSupport

/// The shapes of the built-in datasets, so that an input naming one reaches
/// expansion and the samplers without reading the data.
private func shape(of dataset: String) -> DatasetShape? {
    switch dataset {
    case "mnist", "fashion-mnist":
        DatasetShape(featureCount: 784, classCount: 10, trainCount: 60_000, testCount: 10_000)
    default:
        nil
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    InputFile.with(start, count, name: "experiment.yaml") { path in
        _ = try? Experiment.load(path: path, datasetShape: shape(of:))
    }
    return 0
}
