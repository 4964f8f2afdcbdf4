// swift-tools-version:6.1
// RevenueForecast: next-day revenue forecasting on one machine, Foundation only.
// Dependencies point one way: data → model → service → CLI. Nothing imports the CLI.
import PackageDescription

extension Array where Element == SwiftSetting {
    /// Every target compiles with the same settings: Swift 6 language mode and explicit `any`.
    static var project: [SwiftSetting] {
        [.enableUpcomingFeature("ExistentialAny")]
    }
}

let package = Package(
    name: "RevenueForecast",
    products: [
        .executable(name: "forecast", targets: ["forecast"]),
    ],
    targets: [
        .target(name: "ByteWriting", swiftSettings: .project),
        .target(name: "ForecastData", dependencies: ["ByteWriting"], swiftSettings: .project),
        .target(name: "Forest", swiftSettings: .project),
        .target(name: "ModelRegistry", dependencies: ["Forest", "ForecastData"], swiftSettings: .project),
        .target(name: "HTTPCore", dependencies: ["ByteWriting"], swiftSettings: .project),
        .target(
            name: "ForecastService",
            dependencies: ["ByteWriting", "HTTPCore", "ModelRegistry", "ForecastData"],
            swiftSettings: .project
        ),
        .target(name: "Charts", dependencies: ["ForecastData"], swiftSettings: .project),
        .target(name: "Drift", swiftSettings: .project),
        // Reading prediction logs, scoring them against actuals, assembling the report pages.
        .target(
            name: "Monitoring",
            dependencies: ["Charts", "Drift", "ForecastData", "ModelRegistry"],
            swiftSettings: .project
        ),
        .target(
            name: "ForecastCLI",
            dependencies: ["ForecastData", "Forest", "ModelRegistry", "ForecastService", "Charts", "Monitoring"],
            swiftSettings: .project
        ),
        .executableTarget(name: "forecast", dependencies: ["ForecastCLI"], swiftSettings: .project),

        .testTarget(name: "ForecastDataTests", dependencies: ["ByteWriting", "ForecastData"], swiftSettings: .project),
        .testTarget(
            name: "ForestTests",
            dependencies: ["Forest"],
            resources: [.copy("Fixtures")],
            swiftSettings: .project
        ),
        .testTarget(name: "ModelRegistryTests", dependencies: ["ModelRegistry"], swiftSettings: .project),
        .testTarget(name: "HTTPCoreTests", dependencies: ["ByteWriting", "HTTPCore"], swiftSettings: .project),
        .testTarget(name: "ForecastServiceTests", dependencies: ["ForecastService"], swiftSettings: .project),
        .testTarget(name: "ChartsTests", dependencies: ["Charts"], swiftSettings: .project),
        .testTarget(
            name: "DriftTests",
            dependencies: ["Drift"],
            resources: [.copy("Fixtures")],
            swiftSettings: .project
        ),
        .testTarget(name: "MonitoringTests", dependencies: ["Monitoring"], swiftSettings: .project),
        .testTarget(name: "ForecastCLITests", dependencies: ["ForecastCLI"], swiftSettings: .project),
        // Lists the executable so `swift test` builds it; the tests run the real binary.
        // ModelRegistry and ForecastData let the calendar tests compare the server's answers with
        // what the training code computes for the same rows.
        .testTarget(name: "EndToEndTests", dependencies: ["forecast", "ModelRegistry", "ForecastData"], swiftSettings: .project),
    ],
    swiftLanguageModes: [.v6]
)
