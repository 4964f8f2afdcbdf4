/// The summary as people read it (stderr lines) and as scripts read it (one JSON object).
extension ETLSummary {
    /// Lines for stderr, each starting with `etl: `.
    public var textLines: [String] {
        let columns = [
            "delimiter " + (delimiter == "tab" ? "tab" : "'\(delimiter)'"),
            dateColumn.map { "date '\($0)'" } ?? "no date column (rows spread over \(spreadDays ?? 0) days)",
            "amount '\(amountColumn)'",
            orderColumn.map { "orders '\($0)'" } ?? "no order column (orders = rows)",
        ]
        var lines = ["etl: read \(Self.grouped(rowsRead)) rows (\(Self.megabytes(bytes))) from \(input): " + columns.joined(separator: ", ")]
        if skipped.total == 0 {
            lines.append("etl: skipped 0 rows")
        } else {
            let parts = skipped.sorted.map { reason, entry in
                "\(Self.grouped(entry.count)) \(reason.phrase) (first at line \(entry.firstLine)"
                    + (entry.firstDetail.isEmpty ? ")" : ": \(entry.firstDetail))")
            }
            lines.append("etl: skipped \(Self.grouped(skipped.total)) rows: " + parts.joined(separator: "; "))
        }
        lines.append("etl: \(days) days from \(firstDay) to \(lastDay) (\(emptyDays) without sales); "
                     + "wrote \(rowsWritten) rows to \(output) (the last day has no label yet)")
        lines.append("etl: revenue \(Self.money(revenueTotal)) in total over \(Self.grouped(orders)) orders; "
                     + "refunds \(Self.money(refundTotal)) over \(Self.grouped(refundRows)) rows")
        if recountedDays > 0 {
            lines.append("etl: the file is not in date order: order ids of \(recountedDays) days were counted in a second pass")
        }
        return lines
    }

    /// One JSON object (keys in a fixed order), for `--json`.
    public var json: String {
        var fields: [(String, String)] = [
            ("input", Self.string(input)),
            ("output", Self.string(output)),
            ("bytes", String(bytes)),
            ("delimiter", Self.string(delimiter == "tab" ? "\t" : delimiter)),
            ("columns", "{\"date\": \(dateColumn.map(Self.string) ?? "null"), \"amount\": \(Self.string(amountColumn)), "
                + "\"order\": \(orderColumn.map(Self.string) ?? "null")}"),
            ("spread_days", spreadDays.map(String.init) ?? "null"),
            ("rows_read", String(rowsRead)),
            ("rows_used", String(rowsUsed)),
            ("rows_skipped", String(skipped.total)),
        ]
        let reasons = skipped.sorted.map { reason, entry in
            "{\"reason\": \(Self.string(reason.rawValue)), \"count\": \(entry.count), \"first_line\": \(entry.firstLine), "
                + "\"first_value\": \(Self.string(entry.firstDetail))}"
        }
        fields += [
            ("skipped", "[" + reasons.joined(separator: ", ") + "]"),
            ("days", String(days)),
            ("empty_days", String(emptyDays)),
            ("first_day", Self.string(firstDay.iso)),
            ("last_day", Self.string(lastDay.iso)),
            ("rows_written", String(rowsWritten)),
            ("revenue_total", PlainDecimal.format(revenueTotal)),
            ("orders", String(orders)),
            ("refunds", "{\"rows\": \(refundRows), \"total\": \(PlainDecimal.format(refundTotal))}"),
            ("recounted_days", String(recountedDays)),
        ]
        return "{" + fields.map { "\"\($0.0)\": \($0.1)" }.joined(separator: ", ") + "}"
    }

    /// A JSON string literal (RFC 8259 §7 escapes).
    static func string(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case let control where control.value < 0x20:
                let hex = String(control.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// `1234567` → `1,234,567`.
    static func grouped(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var out = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { out += "," }
            out.append(digit)
        }
        return (value < 0 ? "-" : "") + out
    }

    /// Two decimals with grouped thousands: `-1,234.50`.
    static func money(_ value: Double) -> String {
        let cents = Int((abs(value) * 100).rounded())
        let fraction = cents % 100
        return (value < 0 && cents > 0 ? "-" : "") + grouped(cents / 100) + "." + (fraction < 10 ? "0" : "") + String(fraction)
    }

    static func megabytes(_ bytes: Int) -> String {
        let tenths = (Double(bytes) / 100_000).rounded()
        return String(Int(tenths) / 10) + "." + String(Int(tenths) % 10) + " MB"
    }
}
