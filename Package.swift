// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "runner",
    platforms: [.macOS(.v13)],
    // The command line is the product. The libraries are its layers, offered
    // for the fuzz targets of Fuzz/, which feed them every kind of input.
    products: [
        .executable(name: "runner", targets: ["runner"]),
        .library(name: "Experiments", targets: ["Experiments"]),
        .library(name: "Datasets", targets: ["Datasets"]),
        .library(name: "Results", targets: ["Results"]),
        .library(name: "Dashboard", targets: ["Dashboard"]),
    ],
    // Exact versions: Package.resolved stays out of git (these machines
    // cannot share it), so the manifest alone names what every build uses.
    // swift-asn1, which swift-crypto requires from 1.2.0, is left to that
    // range: only swift-crypto's _CryptoExtras uses it, which runner does not
    // link, and pinning it here would make it a dependency nothing uses.
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", exact: "3.12.3"),
        .package(url: "https://github.com/jpsim/Yams", exact: "6.2.2"),
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        // The dashboard's sockets (its FlyingSocks): no dependencies of their
        // own, so they add seconds to a clean build where Hummingbird's
        // SwiftNIO adds minutes (README, Dashboard).
        .package(url: "https://github.com/swhitty/FlyingFox", exact: "0.27.1"),
    ],
    targets: [
        // zlib, for gzip.
        .systemLibrary(name: "CZlib", path: "Sources/CZlib"),
        // The training kernels, in C: Swift cannot compile one function for
        // AVX-512 and the next for any CPU, and C can; and measured, the
        // forward pass's 10 × 2 dot-product tile in Swift SIMD16<Float>,
        // compiled for Zen 4 as a whole, ran at 46 GFLOP/s against 210 for
        // the C tile (SIMD's sum() also has no documented order). No compiler
        // may fuse or reorder their arithmetic, in any build, or the bits
        // would depend on the compiler; they are optimised in debug builds
        // too, since the tests train real networks.
        .target(
            name: "CBackprop",
            exclude: [
                "kernels.inc", "kernel_sigmoid.inc", "kernel_forward.inc", "kernel_backward.inc", "kernel_passes.inc",
            ],
            cSettings: [.unsafeFlags(["-ffp-contract=off", "-fno-fast-math", "-O2"])]
        ),

        .target(
            name: "Datasets",
            dependencies: ["CZlib", .product(name: "Crypto", package: "swift-crypto")]
        ),
        .target(
            name: "Backprop",
            dependencies: ["CBackprop", "Datasets"]
        ),
        .target(
            name: "Experiments",
            dependencies: ["Backprop", "Datasets", "Yams"]
        ),
        .target(
            name: "Results",
            dependencies: [.product(name: "GRDB", package: "GRDB.swift")]
        ),
        // The sweep engine: plan, scheduler, workers, interruption, progress
        // as events, the hand-back and the closing stock-taking.
        .target(
            name: "Sweep",
            dependencies: ["Backprop", "Datasets", "Experiments", "Results"]
        ),
        // Slurm, apart from the command line, so that planning a submission
        // and gathering its status are tested against a stand-in for Slurm.
        .target(
            name: "Cluster",
            dependencies: ["Results"]
        ),
        // `runner serve`: reads results and serves them to a browser.
        .target(
            name: "Dashboard",
            dependencies: ["Results", .product(name: "FlyingSocks", package: "FlyingFox")]
        ),
        .executableTarget(
            name: "runner",
            dependencies: [
                "Backprop", "Cluster", "Dashboard", "Datasets", "Experiments", "Results", "Sweep",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        .testTarget(name: "DatasetsTests", dependencies: ["Datasets"]),
        .testTarget(name: "BackpropTests", dependencies: ["Backprop", "Datasets"]),
        .testTarget(name: "ExperimentsTests", dependencies: ["Experiments", "Backprop", "Datasets"]),
        .testTarget(name: "ResultsTests", dependencies: ["Results"]),
        .testTarget(name: "ClusterTests", dependencies: ["Cluster", "Results"]),
        .testTarget(name: "SweepTests", dependencies: ["Sweep", "Backprop", "Datasets", "Experiments", "Results"]),
        .testTarget(name: "DashboardTests", dependencies: ["Dashboard", "Results"]),
        .testTarget(name: "RunnerTests"),
        // Reads the sources: which module imports which.
        .testTarget(name: "ArchitectureTests"),
    ]
)
