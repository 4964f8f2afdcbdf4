// libFuzzer harness: the ETL's field and header parsers on their own (FieldParsers dates and
// amounts, CSVDialect, CSVHeader), where a focused harness reaches corners faster than whole
// files do. Built and run by scripts/fuzz.sh. The first byte picks the options (bit 0:
// month-first dates, bit 1: decimal comma); the rest is the field or the file's first bytes.
//
// Invariants beyond "no crash":
// - an amount is finite, and a plain number (`[+-]digits[.digits][e[+-]digits]`) reads exactly
//   as the standard library's correctly rounded conversion does: the fast paths never round
//   differently;
// - a date's ISO form reads back as the same day; an ISO date in range is always accepted;
// - the dialect is one of the candidates; a header read from a partial sample is the header
//   read from the whole, and never ends past the sample.
@testable import ForecastData

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size >= 1 else { return 0 }
    let monthFirst = data[0] & 1 == 1, decimalComma = data[0] & 2 == 2
    let field = UnsafeBufferPointer(start: data + 1, count: size - 1)
    checkAmount(field, decimalComma: decimalComma)
    checkDate(field, monthFirst: monthFirst)
    checkHeader(field)
    return 0
}

private func checkAmount(_ field: UnsafeBufferPointer<UInt8>, decimalComma: Bool) {
    let value = FieldParsers.decimal(field, decimalComma: decimalComma)
    if let value { expect(value.isFinite, "amount \(value) is not finite") }
    let text = FieldParsers.trimmed(field)
    guard isPlainNumber(text, decimalComma: decimalComma) else { return }
    let reference = Double(String(decoding: text.map { decimalComma && $0 == UInt8(ascii: ",") ? UInt8(ascii: ".") : $0 },
                                  as: UTF8.self))
    guard let reference, reference.isFinite else {
        expect(value == nil, "'\(String(decoding: text, as: UTF8.self))' overflows but read as \(value!)")
        return
    }
    if value == nil && text.count >= 512 { return }  // long texts are refused rather than read
    expect(value == reference, "'\(String(decoding: text, as: UTF8.self))' read as \(String(describing: value)), not \(reference)")
}

/// `[+-]digits[.digits][(e|E)[+-]digits]`, with `,` for `.` when `decimalComma`.
private func isPlainNumber(_ text: UnsafeBufferPointer<UInt8>, decimalComma: Bool) -> Bool {
    var index = 0
    func digits() -> Bool {
        let start = index
        while index < text.count, text[index] >= UInt8(ascii: "0"), text[index] <= UInt8(ascii: "9") { index += 1 }
        return index > start
    }
    func sign() { if index < text.count, text[index] == UInt8(ascii: "+") || text[index] == UInt8(ascii: "-") { index += 1 } }
    sign()
    guard digits() else { return false }
    if index < text.count, text[index] == (decimalComma ? UInt8(ascii: ",") : UInt8(ascii: ".")) {
        index += 1
        guard digits() else { return false }
    }
    if index < text.count, text[index] == UInt8(ascii: "e") || text[index] == UInt8(ascii: "E") {
        index += 1
        sign()
        guard digits() else { return false }
    }
    return index == text.count
}

private func checkDate(_ field: UnsafeBufferPointer<UInt8>, monthFirst: Bool) {
    let text = String(decoding: field, as: UTF8.self)
    if let day = FieldParsers.day(field, monthFirst: monthFirst) {
        let (year, month, dayOfMonth) = day.components
        expect((1900...2199).contains(year) && (1...12).contains(month) && (1...31).contains(dayOfMonth),
               "'\(text)' read as \(day)")
        let iso = Array(day.iso.utf8)
        let again = iso.withUnsafeBufferPointer { FieldParsers.day($0, monthFirst: monthFirst) }
        expect(again == day, "'\(text)' read as \(day), whose ISO form reads as \(String(describing: again))")
    }
    if let iso = Day(iso: text), (1900...2199).contains(iso.components.year) {
        expect(FieldParsers.day(field, monthFirst: monthFirst) == iso, "ISO date '\(text)' refused")
    }
}

private func checkHeader(_ sample: UnsafeBufferPointer<UInt8>) {
    let dialect = CSVDialect.detect(sample)
    expect(CSVDialect.candidates.contains(dialect.delimiter), "delimiter \(dialect.delimiter)")
    expect(dialect.bomLength == 0 || dialect.bomLength == 3, "BOM of \(dialect.bomLength) bytes")
    let start = min(dialect.bomLength, sample.count)
    guard let whole = CSVHeader.parse(sample, from: start, delimiter: dialect.delimiter, isWholeFile: true) else {
        fatalError("invariant broken: a whole file always has a header")
    }
    expect(whole.end <= sample.count && whole.end >= start, "header ends at \(whole.end) of \(sample.count)")
    let breaks = sample[start..<whole.end].filter { $0 == UInt8(ascii: "\n") }.count
    expect(whole.lineBreaks == breaks, "header says \(whole.lineBreaks) line breaks, holds \(breaks)")
    // Any shorter sample either asks for more or finds the same header.
    let cut = sample.count / 2
    if let partial = CSVHeader.parse(UnsafeBufferPointer(rebasing: sample[0..<cut]), from: min(start, cut),
                                     delimiter: dialect.delimiter, isWholeFile: false) {
        expect(partial.names == whole.names && partial.end == whole.end, "a partial sample reads another header")
    }
}
