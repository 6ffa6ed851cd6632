// swift-tools-version: 6.1
import PackageDescription

/// Overblik: an overview of the specialised adult social area for Danish municipalities.
///
/// Layering (never broken): OverblikCore imports nothing of the project; OverblikStore is the
/// only module that knows SQL; OverblikTUI reaches data through OverblikStore's API; only
/// `overblik-sync` (through OverblikSync) writes snapshots.
let package = Package(
    name: "Overblik",
    products: [
        .executable(name: "overblik", targets: ["overblik"]),
        .executable(name: "overblik-sync", targets: ["overblik-sync"]),
        .executable(name: "overblik-sampledata", targets: ["overblik-sampledata"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    ],
    targets: [
        .systemLibrary(name: "CNcursesw", providers: [.apt(["libncursesw5-dev"])]),
        .target(name: "OverblikCore"),
        .target(
            name: "OverblikStore",
            dependencies: ["OverblikCore", .product(name: "GRDB", package: "GRDB.swift"),
                           .product(name: "GRDBSQLite", package: "GRDB.swift")]
        ),
        .target(
            name: "OverblikSync",
            dependencies: [
                "OverblikCore", "OverblikStore",
                .product(name: "TOMLKit", package: "TOMLKit"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .target(name: "OverblikTUI", dependencies: ["OverblikCore", "OverblikStore", "CNcursesw"]),
        .executableTarget(
            name: "overblik",
            dependencies: [
                "OverblikCore", "OverblikStore", "OverblikTUI", "OverblikSync",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "overblik-sync",
            dependencies: [
                "OverblikCore", "OverblikStore", "OverblikSync",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "overblik-sampledata",
            dependencies: ["OverblikCore", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .executableTarget(
            name: "overblik-bench",
            dependencies: ["OverblikCore", "OverblikStore", "OverblikTUI", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .target(name: "OverblikTestSupport", dependencies: ["OverblikCore"], path: "Tests/OverblikTestSupport"),
        // Test tool: several of these write to one annotation store at once.
        // Test tool: random source drops (the whole-drop property tests' generator) for the fuzzer's corpus.
        .executableTarget(name: "overblik-drops", dependencies: ["OverblikTestSupport"], path: "Tests/Tools/Drops"),
        .executableTarget(name: "overblik-annotation-writer", dependencies: ["OverblikCore", "OverblikStore"],
                          path: "Tests/Tools/AnnotationWriter"),
        .testTarget(name: "OverblikCoreTests", dependencies: ["OverblikCore"]),
        .testTarget(
            name: "OverblikSyncTests",
            dependencies: ["OverblikSync", "OverblikStore", "OverblikCore", "OverblikTestSupport",
                           .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .testTarget(name: "OverblikStoreTests", dependencies: ["OverblikStore", "OverblikCore", "OverblikTestSupport"]),
        .testTarget(
            name: "OverblikTUITests",
            dependencies: ["OverblikTUI", "OverblikStore", "OverblikCore", "OverblikTestSupport"],
            exclude: ["Golden"]  // golden screens, read from the package folder by the tests
        ),
    ],
    swiftLanguageModes: [.v6]
)
