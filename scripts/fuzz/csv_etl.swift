// libFuzzer harness: the ETL's reading of a transactions CSV end to end: dialect and header
// detection (CSVDialect, CSVHeader), column choice, the record scanner (ChunkScanner), record
// parsing (FieldParsers: dates and amounts), the split into parts read by several threads, and
// the daily merge. Built and run by scripts/fuzz.sh.
//
// The first input byte picks options (bit 0: month-first dates); the rest is the file, written
// to a temporary file because the ETL reads with pread.
//
// Invariants beyond "no crash":
// - counts add up: rows read = rows used + rows skipped;
// - every number is finite, every order count ≥ 0, the days are consecutive, the summary's
//   days, rows written and first/last day agree with the rows;
// - the file read as one part and read as parts of 64 bytes on 2 threads gives the same
//   summary and rows, or the same error: splitting never changes the answer.
@testable import ForecastData
#if canImport(Glibc)
import Glibc
#endif

private let path = "/tmp/fuzz-csv-\(getpid()).csv"

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size >= 1 else { return 0 }
    let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    expect(descriptor >= 0, "cannot write \(path)")
    expect(write(descriptor, data + 1, size - 1) == size - 1, "short write to \(path)")
    close(descriptor)

    let monthFirst = data[0] & 1 == 1
    var whole = ETLOptions(input: path, output: "/dev/null", monthFirst: monthFirst, maxBadFraction: 1, jobs: 1)
    whole.minimumChunkBytes = 1 << 30
    var parts = whole
    parts.jobs = 2
    parts.minimumChunkBytes = 64
    let one = outcome(whole)
    let split = outcome(parts)
    switch (one, split) {
    case let (.success(summary, records), .success(splitSummary, splitRecords)):
        check(summary, records)
        var comparable = splitSummary
        comparable.recountedDays = summary.recountedDays  // the id budget is shared by the threads
        expect(comparable == summary, "split read gives \(splitSummary), whole read \(summary)")
        expect(splitRecords == records, "split read gives other rows")
    case let (.failure(error), .failure(splitError)):
        expect(error == splitError, "split read fails with '\(splitError)', whole read with '\(error)'")
    default:
        fatalError("invariant broken: " + "whole read: \(one); split read: \(split)")
    }
    return 0
}

private enum Outcome {
    case success(ETLSummary, [DailyRecord])
    case failure(String)
}

private func outcome(_ options: ETLOptions) -> Outcome {
    do {
        let (summary, records) = try DailyFeaturesETL.compute(options)
        return .success(summary, records)
    } catch {
        let message = error.description
        expect(!message.isEmpty && !message.contains("\n"), "error is not one line: \(message)")
        return .failure(message)
    }
}

private func check(_ summary: ETLSummary, _ records: [DailyRecord]) {
    expect(summary.rowsRead == summary.rowsUsed + summary.skipped.total,
                 "rows read \(summary.rowsRead) ≠ used \(summary.rowsUsed) + skipped \(summary.skipped.total)")
    expect(summary.rowsUsed > 0 && summary.rowsUsed <= summary.rowsRead, "rows used \(summary.rowsUsed)")
    expect(summary.revenueTotal.isFinite && summary.refundTotal.isFinite, "totals not finite")
    expect(summary.refundRows >= 0 && summary.refundRows <= summary.rowsUsed, "refund rows \(summary.refundRows)")
    expect(summary.orders >= 0 && summary.emptyDays >= 0 && summary.emptyDays < summary.days, "counts")
    expect(summary.days == summary.lastDay.ordinal - summary.firstDay.ordinal + 1, "days \(summary.days)")
    expect(summary.rowsWritten == records.count && records.count == summary.days - 1, "rows written")
    for (index, record) in records.enumerated() {
        expect(record.day.ordinal == summary.firstDay.ordinal + index, "days not consecutive")
        expect(record.revenue.isFinite && record.label.isFinite, "revenue or label not finite")
        expect(record.orderCount >= 0, "order count \(record.orderCount)")
        if index > 0 { expect(records[index - 1].label == record.revenue, "label is not the next day's revenue") }
    }
}
