// swift-tools-version:6.0
import PackageDescription

// The fuzz targets, apart from the root package so that `swift build` and
// `make test` there never compile them: each links libFuzzer and AddressSanitizer
// (make fuzz builds them with -sanitize=fuzzer,address), which a normal build
// must not pay for. Each target feeds one kind of input, as raw bytes, to the
// code that reads it in runner.
let package = Package(
    name: "runner-fuzz",
    platforms: [.macOS(.v13)],
    dependencies: [
        // Named, since a path package is otherwise known by its directory name.
        .package(name: "runner", path: ".."),
    ],
    targets: [
        // Writes each input to a file of its own, for readers that take paths.
        .target(name: "FuzzSupport", path: "Sources/FuzzSupport"),
        // Experiment files: screening, YAML, fields, expansion and samplers.
        .executableTarget(
            name: "FuzzExperiment",
            dependencies: ["FuzzSupport", .product(name: "Experiments", package: "runner"),
                           .product(name: "Datasets", package: "runner")]
        ),
        // IDX files, plain or gzip, through the dataset reader.
        .executableTarget(
            name: "FuzzDataset",
            dependencies: ["FuzzSupport", .product(name: "Datasets", package: "runner")]
        ),
        // Database files, opened read-only and read as runner list and show read them.
        .executableTarget(
            name: "FuzzDatabase",
            dependencies: ["FuzzSupport", .product(name: "Results", package: "runner")]
        ),
        // HTTP requests through runner serve's framing and responses.
        .executableTarget(
            name: "FuzzHTTP",
            dependencies: ["FuzzSupport", .product(name: "Dashboard", package: "runner"),
                           .product(name: "Results", package: "runner")]
        ),
    ]
)
