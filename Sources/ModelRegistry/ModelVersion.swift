#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// Version names: `v<number, at least 4 digits>-<UTC time as YYYYMMDDTHHMMSSZ>`, e.g.
/// `v0001-20261122T101530Z`. They sort by number (for 4-digit numbers) and say when they were made.
public enum ModelVersion {
    /// The name of version `number` created at `date`.
    public static func make(number: Int, at date: Date) -> String {
        let digits = String(number)
        let padded = String(repeating: "0", count: max(0, 4 - digits.count)) + digits
        let (y, mo, d, h, mi, s) = components(date)
        return "v" + padded + "-" + pad(y, 4) + pad(mo, 2) + pad(d, 2) + "T" + pad(h, 2) + pad(mi, 2) + pad(s, 2) + "Z"
    }

    /// ISO 8601 UTC to the second, e.g. `2026-11-22T10:15:30Z`.
    public static func timestamp(_ date: Date) -> String {
        let (y, mo, d, h, mi, s) = components(date)
        return pad(y, 4) + "-" + pad(mo, 2) + "-" + pad(d, 2) + "T" + pad(h, 2) + ":" + pad(mi, 2) + ":" + pad(s, 2) + "Z"
    }

    /// Whether `name` has the shape of a version name (also keeps paths out of file names).
    public static func isValid(_ name: String) -> Bool {
        number(of: name) != nil
    }

    /// The number of a version name, or nil when `name` is not one.
    public static func number(of name: String) -> Int? {
        let parts = name.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].hasPrefix("v"), parts[0].count >= 5,
              parts[0].dropFirst().allSatisfy({ $0.isASCII && $0.isNumber }),
              parts[1].count == 16, parts[1].utf8.enumerated().allSatisfy({ index, byte in
                  switch index {
                  case 8: byte == UInt8(ascii: "T")
                  case 15: byte == UInt8(ascii: "Z")
                  default: byte >= 48 && byte <= 57
                  }
              })
        else { return nil }
        return Int(parts[0].dropFirst())
    }

    private static func components(_ date: Date) -> (Int, Int, Int, Int, Int, Int) {
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        gmtime_r(&seconds, &parts)
        return (Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1, Int(parts.tm_mday), Int(parts.tm_hour),
                Int(parts.tm_min), Int(parts.tm_sec))
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }
}
