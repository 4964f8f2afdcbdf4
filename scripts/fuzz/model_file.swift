// libFuzzer harness: the model file decoder (ModelRegistry.ModelFileCodec) and the forest it
// rebuilds (Forest.RandomForestRegressor.validated), which `serve` trusts to walk trees without
// bounds checks. Built and run by scripts/fuzz.sh.
//
// The first byte picks what the rest is. Even: a whole model file (JSON; seeds are real
// trained models). Odd: a forest's packed nodes (a tree count, node counts, then 16-byte
// nodes), handed straight to the validation, because random bytes rarely get a model file past
// its checksums, and the node checks are what keep a hand-made file from walking out of bounds.
//
// Invariants beyond "no crash":
// - a model file that decodes re-encodes and decodes to the same file, and its forest predicts
//   finite values;
// - a forest that validates predicts, for any row, exactly the mean of a bounds-checked
//   reference walk of each tree (no cycle, no step outside its tree), and a finite value.
import Foundation
@testable import Forest
@testable import ForecastData
@testable import ModelRegistry

@_cdecl("LLVMFuzzerInitialize")
public func initialize(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>>>) -> CInt {
    // FUZZ_MODEL_SEEDS=DIR: write real trained model files there as seeds (scripts/fuzz/seeds.sh).
    guard let folder = ProcessInfo.processInfo.environment["FUZZ_MODEL_SEEDS"] else { return 0 }
    for featureSet in [FeatureSet.basic, .extended] {
        var options = TrainingOptions(featureSet: featureSet)
        options.parameters.treeCount = 3
        options.parameters.maxDepth = 3
        options.jobs = 1
        guard let result = try? Trainer.train(records: records(), featuresPath: "features.csv", featuresSHA256: "00", options: options),
              let bytes = try? ModelFileCodec.encode(result.file)
        else { fatalError("cannot train a seed model") }
        _ = FileManager.default.createFile(atPath: "\(folder)/\(featureSet.rawValue).json", contents: Data([0]) + bytes)
    }
    return 0
}

/// 90 days with a weekly pattern, as the ModelRegistry tests train on.
private func records() -> [DailyRecord] {
    let start = Day(year: 2024, month: 1, day: 1)!
    let revenue = (0...90).map { 10000 + (start.adding(days: $0).weekday >= 6 ? 4000.0 : 0) + Double(($0 * 7919) % 1000) }
    return (0..<90).map {
        DailyRecord(day: start.adding(days: $0), revenue: revenue[$0], orderCount: Int(revenue[$0] / 50), label: revenue[$0 + 1])
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size >= 1 else { return 0 }
    let rest = UnsafeBufferPointer(start: data + 1, count: size - 1)
    if data[0] & 1 == 0 { checkModelFile(Data(rest)) } else { checkNodes(Array(rest)) }
    return 0
}

private func checkModelFile(_ bytes: Data) {
    guard let (file, forest) = try? ModelFileCodec.decode(bytes, path: "fuzz.json") else { return }
    for value in [0.0, 1, -1e9, 1e9] {
        let prediction = forest.predict(row: [Double](repeating: value, count: file.featureNames.count))
        expect(prediction.isFinite, "decoded model predicts \(prediction)")
    }
    guard let encoded = try? ModelFileCodec.encode(file) else { fatalError("invariant broken: a decoded model does not re-encode") }
    guard let (again, _) = try? ModelFileCodec.decode(encoded, path: "again.json") else {
        fatalError("invariant broken: a re-encoded model does not decode")
    }
    expect(again == file, "re-encoded model decodes to another file")
}

private func checkNodes(_ bytes: [UInt8]) {
    let featureCount = 3
    guard bytes.count >= 2 else { return }
    let treeCount = 1 + Int(bytes[0] % 4)
    guard bytes.count >= 1 + treeCount else { return }
    let nodeCounts = (0..<treeCount).map { 1 + Int(bytes[1 + $0] % 16) }
    var payload = Array(bytes[(1 + treeCount)...])
    let total = nodeCounts.reduce(0, +)
    payload += [UInt8](repeating: 0, count: max(0, total * 16 - payload.count))
    let nodes = (0..<total).map { index -> DecisionTree.Node in
        func load<T: FixedWidthInteger>(_ offset: Int, as type: T.Type) -> T {
            (0..<MemoryLayout<T>.size).reduce(T.zero) { $0 | T(truncatingIfNeeded: payload[index * 16 + offset + $1]) << ($1 * 8) }
        }
        // Leaves mostly use the marker (-1, 0), so that valid forests are common.
        var feature = Int32(load(0, as: UInt32.self) % 5) - 1
        if load(0, as: UInt32.self) & 0x100 != 0 { feature = Int32(bitPattern: load(0, as: UInt32.self)) }
        let right = Int32(bitPattern: load(4, as: UInt32.self) % 32)
        return DecisionTree.Node(feature: feature, right: feature < 0 ? 0 : right, value: Double(bitPattern: load(8, as: UInt64.self)))
    }
    guard let forest = try? RandomForestRegressor.validated(
        parameters: ForestParameters(treeCount: treeCount), featureCount: featureCount, nodes: nodes, nodeCounts: nodeCounts,
        featureImportances: [Double](repeating: 0, count: featureCount), outOfBagR2: nil
    ) else { return }
    var starts = [0]
    for count in nodeCounts { starts.append(starts.last! + count) }
    for row in [[0.0, 0, 0], [1e300, -1e300, 0.5], [-1, 1, .nan], [.infinity, -.infinity, 1]] {
        var sum = 0.0
        for tree in 0..<treeCount { sum += referenceWalk(nodes[starts[tree]..<starts[tree + 1]], row) }
        let prediction = forest.predict(row: row)
        expect(prediction.isFinite, "validated forest predicts \(prediction)")
        expect(prediction == sum / Double(treeCount), "predicts \(prediction), the reference walk \(sum / Double(treeCount))")
    }
}

/// A tree's prediction, every step checked: within the tree, strictly forward (no cycle).
private func referenceWalk(_ tree: ArraySlice<DecisionTree.Node>, _ row: [Double]) -> Double {
    var index = 0
    while true {
        expect(index >= 0 && index < tree.count, "walk leaves its tree at node \(index)")
        let node = tree[tree.startIndex + index]
        if node.feature < 0 { return node.value }
        expect(Int(node.feature) < row.count, "node splits on feature \(node.feature)")
        let next = row[Int(node.feature)] > node.value ? Int(node.right) : index + 1
        expect(next > index, "walk goes back from node \(index) to \(next)")
        index = next
    }
}
