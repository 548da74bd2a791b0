// swift-tools-version:6.0
import PackageDescription

// One executable per extension point of the GANScope library (Examples/README.md).
// The test suite builds this package against a tagged clone of the repository and runs
// every example (Tests/GANRunTests/ExamplesPackageTests.swift).
let package = Package(
    name: "GANScopeExamples",
    dependencies: [.package(name: "GANScope", path: "..")],
    targets: [
        .executableTarget(name: "getting-started", dependencies: [.product(name: "GANScope", package: "GANScope")],
                          path: "Sources/GettingStarted"),
        .executableTarget(name: "custom-distribution", dependencies: [.product(name: "GANScope", package: "GANScope")],
                          path: "Sources/CustomDistribution"),
        .executableTarget(name: "custom-objective", dependencies: [.product(name: "GANScope", package: "GANScope")],
                          path: "Sources/CustomObjective"),
        .executableTarget(name: "custom-frame-layer", dependencies: [.product(name: "GANScope", package: "GANScope")],
                          path: "Sources/CustomFrameLayer"),
        .executableTarget(name: "render-only", dependencies: [.product(name: "GANScope", package: "GANScope")],
                          path: "Sources/RenderOnly"),
    ]
)
