// The Swift half of scripts/bench_explain.sh: times our TreeSHAP (ForestExplainer) on trees the
// script exported from scikit-learn, and on our own forest fitted on the same rows. Compiled by
// the script against the release build's modules. Not part of the product.
//
//   bench_explain export FEATURES.csv TRAIN.csv TEST.csv
//       the extended feature matrix of a features file, temporal 80/20 split, as CSV
//   bench_explain explain TREES.json TEST.csv REPEATS
//       explains every test row with the exported trees; prints one JSON line
//   bench_explain own TRAIN.csv TEST.csv REPEATS
//       fits our forest (200 trees, seed 42) on TRAIN.csv and times explaining TEST.csv

import Foundation
import ForecastData
import Forest
import ModelRegistry

func seconds() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }

func readCSV(_ path: String) throws -> (rows: [[Double]], targets: [Double]) {
    let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").dropFirst()
    var rows: [[Double]] = [], targets: [Double] = []
    for line in lines {
        let fields = line.split(separator: ",").map { Double($0)! }
        rows.append(Array(fields.dropLast()))
        targets.append(fields.last!)
    }
    return (rows, targets)
}

func writeCSV(_ matrix: FeatureMatrix, _ targets: ArraySlice<Double>, to path: String) throws {
    var text = (0..<matrix.featureCount).map { "x\($0)" }.joined(separator: ",") + ",target\n"
    for (row, target) in zip(0..<matrix.rowCount, targets) {
        text += (matrix.row(row) + [target]).map { "\($0)" }.joined(separator: ",") + "\n"
    }
    try text.write(toFile: path, atomically: true, encoding: .utf8)
}

/// Median seconds of one row's explanation over `repeats` passes, total for all rows, and the values.
func time(_ explainer: ForestExplainer, rows: [[Double]], repeats: Int) -> (single: Double, all: Double, values: [[Double]]) {
    var singles: [Double] = []
    for _ in 0..<repeats {
        let start = seconds()
        _ = explainer.explain(row: rows[0])
        singles.append(seconds() - start)
    }
    let start = seconds()
    let values = rows.map { explainer.explain(row: $0).contributions }
    return (singles.sorted()[singles.count / 2], seconds() - start, values)
}

struct ExportedNode: Decodable {
    let feature: Int32
    let right: Int32
    let value: Double
    let cover: Double
}

let arguments = CommandLine.arguments
switch arguments[1] {
case "export":
    let records = try FeaturesFile.parse(try String(contentsOfFile: arguments[2], encoding: .utf8), path: arguments[2])
    let matrix = try FeatureSet.extended.matrix(for: records)
    let labels = records.map(\.label)
    let split = records.count - Trainer.testRowCount(rows: records.count, fraction: 0.2)
    try writeCSV(matrix.rows(0..<split), labels[0..<split], to: arguments[3])
    try writeCSV(matrix.rows(split..<records.count), labels[split...], to: arguments[4])
case "explain":
    let exported = try JSONDecoder().decode([[ExportedNode]].self, from: Data(contentsOf: URL(fileURLWithPath: arguments[2])))
    let rows = try readCSV(arguments[3]).rows
    let trees = try exported.map { nodes in
        try DecisionTree(nodes: nodes.map { .init(feature: $0.feature, right: $0.right, value: $0.value) }, featureCount: rows[0].count)
    }
    let explainer = try ForestExplainer(trees: trees, covers: exported.map { $0.map(\.cover) }, featureCount: rows[0].count)
    let result = time(explainer, rows: rows, repeats: Int(arguments[4])!)
    let line: [String: Any] = [
        "single_seconds": result.single, "all_seconds": result.all, "values": result.values,
        "expected_value": explainer.expectedValue,
    ]
    print(String(decoding: try JSONSerialization.data(withJSONObject: line), as: UTF8.self))
case "own":
    let train = try readCSV(arguments[2])
    let rows = try readCSV(arguments[3]).rows
    let forest = try RandomForestRegressor.fit(
        features: try FeatureMatrix(rows: train.rows, featureCount: train.rows[0].count), targets: train.targets
    )
    let explainer = try ForestExplainer(forest: forest)
    let result = time(explainer, rows: rows, repeats: Int(arguments[4])!)
    var additivity = 0.0
    for (row, values) in zip(rows, result.values) {
        additivity = max(additivity, abs(explainer.expectedValue + values.reduce(0, +) - forest.predict(row: row)))
    }
    let line: [String: Any] = [
        "single_seconds": result.single, "all_seconds": result.all, "additivity": additivity,
        "nodes": forest.nodes.count, "depth": forest.trees.map(\.depth).max() ?? 0,
    ]
    print(String(decoding: try JSONSerialization.data(withJSONObject: line), as: UTF8.self))
default:
    fatalError("usage: bench_explain export|explain|own …")
}
