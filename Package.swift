// swift-tools-version:6.0
import PackageDescription

/// Flags of the AVX-512 kernel module: only an x86-64 build can (and may) compile it with
/// AVX-512 F; elsewhere the module compiles to a stub that is never called.
#if arch(x86_64)
let avx512Settings: [SwiftSetting] = [.unsafeFlags(["-Xcc", "-mavx512f"]),
                                      .unsafeFlags(["-Ounchecked"], .when(configuration: .release))]
#else
let avx512Settings: [SwiftSetting] = []
#endif

let package = Package(
    name: "GANScope",
    products: [
        .library(name: "GANCore", targets: ["GANCore"]),
        .library(name: "GANRender", targets: ["GANRender"]),
        .library(name: "GANRun", targets: ["GANRun"]),
        .executable(name: "ganscope", targets: ["ganscope"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.5.0"),
    ],
    targets: [
        // libgd: linked by name; Debian's gdlib.pc carries -DAVIF_DLL, which SwiftPM warns about.
        .systemLibrary(name: "CLibGD", path: "Sources/CLibGD"),
        .systemLibrary(
            name: "COpenBLAS", path: "Sources/COpenBLAS", pkgConfig: "openblas",
            providers: [.apt(["libopenblas-dev"])]),
        // The AVX-512 kernels GANCore calls after checking the processor (BoxMuller.Path).
        .target(name: "GANAVX512", swiftSettings: avx512Settings),
        // -fno-math-errno: on Linux, Float.squareRoot() goes through a C shim that clang
        // otherwise compiles with an errno fallback call, which keeps SIMD square roots
        // (Adam) scalar. The results are the same correctly rounded roots.
        .target(
            name: "GANCore", dependencies: ["COpenBLAS", "GANAVX512"],
            swiftSettings: [.unsafeFlags(["-Xcc", "-fno-math-errno"]),
                            .unsafeFlags(["-Ounchecked"], .when(configuration: .release))]),
        .target(name: "GANRender", dependencies: ["CLibGD"]),
        .target(name: "GANRun", dependencies: ["GANCore", "GANRender"]),
        // `ganscope serve`: the report over HTTP with server-sent events (issue 9).
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
