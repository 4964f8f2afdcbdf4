// The Swift half of scripts/bench_predict.sh: the serving path's two costs, one-row prediction
// with its interval and model load, on the daily model (the sample's features, the defaults of
// `forecast train`). Compiled by the script against the release build's modules. Not part of the
// product.
//
//   bench_predict export FEATURES.csv TRAIN.csv
//       the daily model's training rows (extended features, label last), for scikit-learn
//   bench_predict time FEATURES.csv
//       one JSON line: median µs per one-row prediction with interval (requests for one day, and
//       requests for 146 different days), median load ms, file bytes
//   bench_predict golden FEATURES.csv OUT.txt
//       every prediction (value, lower, upper as bit patterns) of the daily model on 2,000 rows
//       and of a 100k-row forest on 2,000 rows, one line each: compare two builds with `cmp`
//       to show a change left predictions identical bit for bit

import Foundation
import ForecastData
import Forest
import ModelRegistry

func seconds() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }

/// CPU time of this thread: what the work costs, whatever other processes take of the cores
/// (the development machine is shared; wall-clock medians are printed beside it).
func cpuSeconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}

func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }

/// The daily model, trained exactly as `forecast train` does with its defaults, then registered
/// in a scratch registry.
func dailyModel(_ featuresPath: String) throws -> (ModelStore, String, String) {
    let records = try FeaturesFile.read(from: featuresPath)
    let result = try Trainer.train(records: records, featuresPath: featuresPath, featuresSHA256: "", options: TrainingOptions())
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bench-predict-\(UUID().uuidString)").path
    let store = ModelStore(directory: folder)
    let file = try store.register(result.file)
    return (store, file.modelVersion, folder)
}

/// The request a server answers by default: the day after the model's stored history, with
/// that history's revenue before it (what `/predict` without a date did when the model file
/// carried the history).
func requestDay(_ model: ServableModel) -> (Day, ArraySlice<Double>) {
    let last = model.file.history.lastDay.flatMap { Day(iso: $0) } ?? Day(ordinal: 0)
    return (last.adding(days: 1), model.file.history.revenue[...])
}

/// Rows spread over the range of each input (revenue 0–45k, orders 0–900), deterministic.
func requestRows(_ count: Int) -> [(Double, Int)] {
    var generator = SeededGenerator(seed: 7)
    return (0..<count).map { _ in
        (Double(generator.next() % 4_500_000) / 100, Int(generator.next() % 900))
    }
}

let arguments = CommandLine.arguments
let expected = ["export": 4, "time": 3, "golden": 4]
guard arguments.count > 1, expected[arguments[1]] == arguments.count else {
    FileHandle.standardError.write(Data("usage: bench_predict export FEATURES.csv TRAIN.csv | time FEATURES.csv | golden FEATURES.csv OUT.txt\n".utf8))
    exit(2)
}
if arguments[1] == "export" {
    // The daily model's training rows (extended features, then the label) for scikit-learn.
    let records = try FeaturesFile.read(from: arguments[2])
    let matrix = try FeatureSet.standard.matrix(for: records)
    let trainCount = records.count - Trainer.testRowCount(rows: records.count, fraction: TrainingOptions.defaultTestFraction)
    var text = ""
    for row in 0..<trainCount {
        text += (matrix.row(row) + [records[row].label]).map { "\($0)" }.joined(separator: ",") + "\n"
    }
    try text.write(toFile: arguments[3], atomically: true, encoding: .utf8)
    exit(0)
}
let (store, version, folder) = try dailyModel(arguments[2])
defer { try? FileManager.default.removeItem(atPath: folder) }

if arguments[1] == "golden" {
    var lines: [String] = []
    func bits(_ value: Double) -> String { String(value.bitPattern, radix: 16) }
    let model = try store.load(version: version)
    let (day, earlier) = requestDay(model)
    for (revenue, orders) in requestRows(2_000) {
        let p = model.predict(revenue: revenue, orderCount: orders, day: day, earlier: earlier)
        lines.append("daily \(revenue) \(orders) \(bits(p.value)) \(bits(p.lower)) \(bits(p.upper))")
    }
    // A large forest: 100k rows x 2 features, deep trees (the 100k-row case of the issue).
    var generator = SeededGenerator(seed: 1)
    func uniform() -> Double { Double(generator.next() >> 11) / Double(1 << 53) }
    let rowCount = 100_000
    var columns = [Double](repeating: 0, count: 2 * rowCount)
    var targets = [Double](repeating: 0, count: rowCount)
    for row in 0..<rowCount {
        let a = uniform(), b = uniform()
        columns[row] = a
        columns[rowCount + row] = b
        targets[row] = 10 * sin(Double.pi * a * b) + 20 * (b - 0.5) * (b - 0.5) + uniform()
    }
    let matrix = try FeatureMatrix(columnMajor: columns, rowCount: rowCount, featureCount: 2)
    let forest = try RandomForestRegressor.fit(
        features: matrix, targets: targets, parameters: ForestParameters(treeCount: 200, seed: 3)
    )
    let test = (0..<2_000).map { _ in [uniform(), uniform()] }
    for row in test {
        let p = forest.predictWithInterval(row: row)
        lines.append("large \(row[0]) \(row[1]) \(bits(p.value)) \(bits(p.lower)) \(bits(p.upper)) \(bits(forest.predict(row: row)))")
    }
    let batch = forest.predict(try FeatureMatrix(rows: test, featureCount: 2))
    lines.append("large-batch " + batch.map(bits).joined(separator: " "))
    try (lines.joined(separator: "\n") + "\n").write(toFile: arguments[3], atomically: true, encoding: .utf8)
    exit(0)
}

// Load: the whole `ModelStore.load` (read, checksums, validation, the servable model).
var loads: [Double] = [], loadsCPU: [Double] = []
var checksum = 0.0
for _ in 0..<21 {
    let start = seconds(), startCPU = cpuSeconds()
    let model = try store.load(version: version)
    loads.append((seconds() - start) * 1000)
    loadsCPU.append((cpuSeconds() - startCPU) * 1000)
    checksum += model.forest?.featureImportances.first ?? 0
}

// One-row prediction with interval, through the servable model as `/predict` calls it: 301
// batches of 200 calls over distinct rows; the median of the per-call means.
let model = try store.load(version: version)
let rows = requestRows(200)
let (day, earlier) = requestDay(model)
var perCall: [Double] = [], perCallCPU: [Double] = []
for _ in 0..<301 {
    let start = seconds(), startCPU = cpuSeconds()
    for (revenue, orders) in rows { checksum += model.predict(revenue: revenue, orderCount: orders, day: day, earlier: earlier).upper }
    perCall.append((seconds() - start) / Double(rows.count) * 1e6)
    perCallCPU.append((cpuSeconds() - startCPU) / Double(rows.count) * 1e6)
}
// Requests for 146 different days (the test days of the features file, each with its own inputs
// and earlier revenue): each row takes other paths through the trees, so more of them come from
// memory rather than the core's caches, as when a server answers requests for many dates.
let records = try FeaturesFile.read(from: arguments[2])
let revenues = records.map(\.revenue)
let first = records.count - Trainer.testRowCount(rows: records.count, fraction: TrainingOptions.defaultTestFraction)
let days = Array(first..<records.count)
var perCallDays: [Double] = []
for _ in 0..<101 {
    let start = seconds()
    for index in days {
        let record = records[index]
        let earlier = revenues[max(0, index - FeatureSet.historyLength)..<index]
        checksum += model.predict(revenue: record.revenue, orderCount: record.orderCount, day: record.day, earlier: earlier).upper
    }
    perCallDays.append((seconds() - start) / Double(days.count) * 1e6)
}
let bytes = (try FileManager.default.attributesOfItem(atPath: store.path(of: version))[.size] as? Int) ?? 0
let result: [String: Any] = [
    "predict_us": median(perCall), "load_ms": median(loads), "predict_cpu_us": median(perCallCPU),
    "load_cpu_ms": median(loadsCPU), "predict_days_us": median(perCallDays), "model_bytes": bytes, "trees": model.forest?.treeCount ?? 0,
    "nodes": model.forest?.nodes.count ?? 0, "checksum": checksum,
]
print(String(decoding: try JSONSerialization.data(withJSONObject: result, options: [.sortedKeys]), as: UTF8.self))
