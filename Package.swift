// swift-tools-version: 6.1
import PackageDescription

/// Overblik: an overview of the specialised adult social area for Danish municipalities.
///
/// Layering (never broken, and enforced by the dependencies below): OverblikCore imports nothing
/// of the project; OverblikStore and OverblikSnapshotWriter are the only modules that know SQL;
/// OverblikTUI reaches data through OverblikStore's API; only OverblikSync (so `overblik-sync`)
/// depends on OverblikSnapshotWriter, so nothing else can write a snapshot; the `overblik`
/// binary reads its configuration through OverblikConfig and links neither the sync, nor the
/// writer, nor SHA-256.
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
                           .product(name: "GRDBSQLite", package: "GRDB.swift"), .product(name: "Crypto", package: "swift-crypto")]
        ),
        // One C function: SQLite's process-wide settings for the writer (sqlite3_config is variadic).
        .target(name: "CSQLiteSetup", linkerSettings: [.linkedLibrary("sqlite3")]),
        .target(
            name: "OverblikSnapshotWriter",
            dependencies: ["OverblikCore", "OverblikStore", "CSQLiteSetup", .product(name: "GRDB", package: "GRDB.swift"),
                           .product(name: "GRDBSQLite", package: "GRDB.swift")]
        ),
        .target(name: "OverblikConfig", dependencies: ["OverblikCore", .product(name: "TOMLKit", package: "TOMLKit")]),
        .target(
            name: "OverblikSync",
            dependencies: [
                "OverblikCore", "OverblikStore", "OverblikSnapshotWriter", "OverblikConfig",
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .target(name: "OverblikTUI", dependencies: ["OverblikCore", "OverblikStore", "CNcursesw"]),
        .executableTarget(
            name: "overblik",
            dependencies: [
                "OverblikCore", "OverblikStore", "OverblikTUI", "OverblikConfig",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "overblik-sync",
            dependencies: [
                "OverblikCore", "OverblikStore", "OverblikConfig", "OverblikSync",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "overblik-sampledata",
            dependencies: ["OverblikCore", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .executableTarget(
            name: "overblik-bench",
            dependencies: ["OverblikCore", "OverblikStore", "OverblikSnapshotWriter", "OverblikTUI", "OverblikTestSupport",
                           .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .target(name: "OverblikTestSupport", dependencies: ["OverblikCore"], path: "Tests/OverblikTestSupport"),
        // Test tool: several of these write to one annotation store at once.
        // Test tool: random source drops (the whole-drop property tests' generator) for the fuzzer's corpus.
        .executableTarget(name: "overblik-drops", dependencies: ["OverblikTestSupport"], path: "Tests/Tools/Drops"),
        .executableTarget(name: "overblik-annotation-writer", dependencies: ["OverblikCore", "OverblikStore"],
                          path: "Tests/Tools/AnnotationWriter"),
        .testTarget(name: "OverblikCoreTests", dependencies: ["OverblikCore", "OverblikTestSupport"]),
        .testTarget(
            name: "OverblikSyncTests",
            dependencies: ["OverblikSync", "OverblikConfig", "OverblikSnapshotWriter", "OverblikStore", "OverblikCore", "OverblikTestSupport",
                           .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .testTarget(name: "OverblikStoreTests", dependencies: ["OverblikStore", "OverblikSnapshotWriter", "OverblikCore", "OverblikTestSupport",
                                                               .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(
            name: "OverblikTUITests",
            dependencies: ["OverblikTUI", "OverblikStore", "OverblikSnapshotWriter", "OverblikCore", "OverblikTestSupport"],
            exclude: ["Golden"]  // golden screens, read from the package folder by the tests
        ),
    ],
    swiftLanguageModes: [.v6]
)
