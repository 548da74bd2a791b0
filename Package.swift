// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "GANScope",
    products: [
        // `import GANScope` is all a user writes: it re-exports the three libraries below.
        .library(name: "GANScope", targets: ["GANScope"]),
        .library(name: "GANCore", targets: ["GANCore"]),
        .library(name: "GANRender", targets: ["GANRender"]),
        .library(name: "GANRun", targets: ["GANRun"]),
        .executable(name: "ganscope", targets: ["ganscope"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.5.0"),
        // `swift package generate-documentation --target GANScope` (make docs).
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
    ],
    targets: [
        // libgd: linked by name; Debian's gdlib.pc carries -DAVIF_DLL, which SwiftPM warns about.
        .systemLibrary(name: "CLibGD", path: "Sources/CLibGD"),
        .systemLibrary(
            name: "COpenBLAS", path: "Sources/COpenBLAS", pkgConfig: "openblas",
            providers: [.apt(["libopenblas-dev"])]),
        .target(name: "GANCore", dependencies: ["COpenBLAS"]),
        .target(name: "GANRender", dependencies: ["CLibGD"]),
        .target(name: "GANRun", dependencies: ["GANCore", "GANRender"]),
        .target(name: "GANScope", dependencies: ["GANCore", "GANRender", "GANRun"]),
        // `ganscope serve`: the report over HTTP with server-sent events.
        .target(
            name: "GANServe",
            dependencies: [.product(name: "Hummingbird", package: "hummingbird"),
                           .product(name: "Logging", package: "swift-log")]),
        .executableTarget(
            name: "ganscope",
            dependencies: ["GANRun", "GANCore", "GANRender", "GANServe",
                           .product(name: "ArgumentParser", package: "swift-argument-parser")]),
        // The GIF structure reader the tests check animations with (libgd decodes one frame only).
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "GANCoreTests", dependencies: ["GANCore"]),
        .testTarget(name: "GANRenderTests", dependencies: ["GANRender", "TestSupport"]),
        .testTarget(name: "GANRunTests", dependencies: ["GANRun", "GANCore", "GANRender", "TestSupport"]),
        .testTarget(
            name: "GANServeTests",
            dependencies: ["GANServe", "GANRun", "GANCore", "GANRender", "TestSupport",
                           .product(name: "HummingbirdTesting", package: "hummingbird")]),
    ]
)
