// The Swift half of scripts/bench_forest.sh: fits our forest on CSV files the script wrote and
// prints one JSON line of measurements. Compiled by the script against the release build's
// modules (no extra package target). Not part of the product.
//
//   bench_forest export-daily FEATURES.csv TRAIN.csv TEST.csv
//       writes the default (extended) feature matrix of a features file, temporal 80/20 split
//   bench_forest run TRAIN.csv TEST.csv SEED [FEATURES.csv]
//       fit, predict and save timings; with FEATURES.csv also trains and loads the real model
//       file through ModelStore (the daily model's size and load time)

import Foundation
import ForecastData
import Forest
import ModelRegistry

func seconds() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }

func readCSV(_ path: String) throws -> (FeatureMatrix, [Double]) {
    let text = try String(contentsOfFile: path, encoding: .utf8)
    var lines = text.split(separator: "\n")
    let width = lines.removeFirst().split(separator: ",").count - 1
    var columns = [[Double]](repeating: [], count: width)
    var targets: [Double] = []
    for line in lines {
        let fields = line.split(separator: ",").map { Double($0)! }
        for feature in 0..<width { columns[feature].append(fields[feature]) }
        targets.append(fields[width])
    }
    let matrix = try FeatureMatrix(columnMajor: columns.flatMap { $0 }, rowCount: targets.count, featureCount: width)
    return (matrix, targets)
}

func writeCSV(_ matrix: FeatureMatrix, _ targets: [Double], names: [String], to path: String) throws {
    var text = (names + ["target"]).joined(separator: ",") + "\n"
    for row in 0..<matrix.rowCount {
        text += (matrix.row(row) + [targets[row]]).map { "\($0)" }.joined(separator: ",") + "\n"
    }
    try text.write(toFile: path, atomically: true, encoding: .utf8)
}

let arguments = CommandLine.arguments
if arguments[1] == "export-daily" {
    let records = try FeaturesFile.read(from: arguments[2])
    let matrix = try FeatureSet.standard.matrix(for: records)
    let testCount = Trainer.testRowCount(rows: records.count, fraction: TrainingOptions.defaultTestFraction)
    let split = records.count - testCount
    let labels = records.map(\.label)
    try writeCSV(matrix.rows(0..<split), Array(labels[..<split]), names: FeatureSet.standard.featureNames, to: arguments[3])
    try writeCSV(matrix.rows(split..<records.count), Array(labels[split...]), names: FeatureSet.standard.featureNames,
                 to: arguments[4])
    exit(0)
}

let (train, trainTargets) = try readCSV(arguments[2])
let (test, testTargets) = try readCSV(arguments[3])
let seed = UInt64(arguments[4])!
let parameters = ForestParameters(treeCount: 200, seed: seed)

var start = seconds()
let forest = try RandomForestRegressor.fit(features: train, targets: trainTargets, parameters: parameters)
let fitSeconds = seconds() - start
let r2 = RegressionMetrics(actual: testTargets, predicted: forest.predict(test)).r2

// Single-row: the serving path (mean and 10th–90th percentile interval), rows cycled.
let rows = (0..<min(test.rowCount, 1000)).map { test.row($0) }
var checksum = 0.0
let calls = 20_000
start = seconds()
for call in 0..<calls { checksum += forest.predictWithInterval(row: rows[call % rows.count]).value }
let singleMicroseconds = (seconds() - start) / Double(calls) * 1e6

// 10 000 rows at once, test rows repeated as needed.
let batchRows = (0..<10_000).map { $0 % test.rowCount }
var columns: [Double] = []
for feature in 0..<test.featureCount { columns += batchRows.map { test[$0, feature] } }
let batch = try FeatureMatrix(columnMajor: columns, rowCount: 10_000, featureCount: test.featureCount)
start = seconds()
checksum += forest.predict(batch).reduce(0, +)
let batchSeconds = seconds() - start

// Model size: the model file's encoding of this forest (metadata + packed trees).
let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bench-forest-\(UUID().uuidString)").path
defer { try? FileManager.default.removeItem(atPath: folder) }
var modelBytes = 0
var loadMilliseconds: Double? = nil
if arguments.count > 5 {
    // The daily model: train through the product's own path, register, then time the load.
    let records = try FeaturesFile.read(from: arguments[5])
    var options = TrainingOptions()
    options.parameters = parameters
    let result = try Trainer.train(records: records, featuresPath: arguments[5], featuresSHA256: "", options: options)
    let store = ModelStore(directory: folder)
    let file = try store.register(result.file)
    modelBytes = (try FileManager.default.attributesOfItem(atPath: store.path(of: file.modelVersion))[.size] as? Int) ?? 0
    var loads: [Double] = []
    for _ in 0..<7 {
        start = seconds()
        let model = try store.load(version: file.modelVersion)
        loads.append((seconds() - start) * 1000)
        checksum += model.predict(revenue: 1, orderCount: 1, day: Day(ordinal: 0), earlier: []).value
    }
    loadMilliseconds = loads.sorted()[loads.count / 2]
} else {
    // The trees' part of a model file: their JSON description plus the binary nodes after it.
    let trees = PackedTrees(forest: forest)
    modelBytes = try JSONEncoder().encode(trees).count + (trees.bytes ?? 0)
}

var result: [String: Any] = [
    "fit_s": fitSeconds, "r2": r2, "single_row_us": singleMicroseconds, "predict_10k_s": batchSeconds,
    "model_bytes": modelBytes, "nodes": forest.nodes.count, "checksum": checksum,
]
if let loadMilliseconds { result["load_ms"] = loadMilliseconds }
print(String(decoding: try JSONSerialization.data(withJSONObject: result, options: [.sortedKeys]), as: UTF8.self))
