// libFuzzer harness: the explanations-log readers. `ExplanationLogEntry.parse` (ForecastData)
// reads one line; Monitoring's `ExplanationsLogReader` (forecast plot) reads a whole file into
// the mean |contribution| per feature, or refuses it with one error naming the line. Built and
// run by scripts/fuzz.sh; the input is a log file.
//
// Invariants beyond "no crash":
// - an entry the parser accepts has finite numbers, and its own line (`csvLine`) parses back to
//   the same entry;
// - a file the reader accepts gives finite means ≥ 0, largest first, over as many lines as the
//   parser accepts; a file it refuses names a line that exists.
import Foundation
@testable import ForecastData
@testable import Monitoring

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Data(UnsafeBufferPointer(start: data, count: size))
    let lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false)
    var accepted = 0
    for (index, raw) in lines.enumerated() where index > 0 {
        var text = Substring(decoding: raw, as: UTF8.self)
        if text.hasSuffix("\r") { text = text.dropLast() }
        guard case .success(let entry) = ExplanationLogEntry.parse(text) else { continue }
        accepted += 1
        expect(entry.expectedValue.isFinite && entry.contribution.isFinite, "'\(text)' has numbers that are not finite")
        var line = entry.csvLine
        expect(line.hasSuffix("\n"), "csvLine has no line end")
        line.removeLast()
        guard case .success(let again) = ExplanationLogEntry.parse(Substring(line)) else {
            fatalError("invariant broken: '\(text)' re-serialised as '\(line)' does not parse")
        }
        expect(again == entry, "'\(text)' re-serialised as '\(line)' parses to \(again), not \(entry)")
    }

    do {
        guard let summary = try ExplanationsLogReader.summary(of: bytes, path: "fuzz.csv") else { return 0 }
        expect(summary.features.map(\.count).reduce(0, +) == accepted,
               "\(summary.features.map(\.count).reduce(0, +)) lines summarised, \(accepted) parsed")
        expect(summary.requestCount >= 1 && summary.requestCount <= accepted, "\(summary.requestCount) requests of \(accepted) lines")
        let means = summary.features.map(\.meanAbsolute)
        expect(means.allSatisfy { $0.isFinite && $0 >= 0 }, "a mean is not finite or negative: \(means)")
        expect(means == means.sorted(by: >), "means not largest first: \(means)")
    } catch {
        switch error {
        case .badExplanationsHeader: break
        case let .badExplanationsLine(_, line, _):
            expect(line >= 2 && line <= lines.count, "error names line \(line) of \(lines.count)")
        default: fatalError("invariant broken: unexpected error \(error)")
        }
    }
    return 0
}
