#if canImport(Glibc)
import Glibc
#endif

extension PlotLogReader {
    /// One line parsed by the fast path; the model version is left as a byte range.
    struct FastRow {
        let time: Double
        let revenue: Double
        let orders: Double
        let prediction: Double
        let versionStart: Int
    }

    /// `timestamp,revenue,orders,prediction,version` with plain numbers and an unquoted
    /// version; nil for anything else (the caller then tries the reference parser).
    static func fastRow(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> FastRow? {
        guard end - start > 25, bytes[start + 24] == UInt8(ascii: ","),
              let time = PlotLogTimestamp.seconds(bytes, start) else { return nil }
        var position = start + 25
        guard let revenue = number(bytes, &position, end),
              let orders = wholeNumber(bytes, &position, end),
              let prediction = number(bytes, &position, end),
              position < end else { return nil }
        // Quoted versions and calendar-shaped lines (more columns after the version) take the
        // reference parser.
        for index in position..<end where bytes[index] == UInt8(ascii: "\"") || bytes[index] == UInt8(ascii: ",") {
            return nil
        }
        return FastRow(time: time, revenue: revenue, orders: orders, prediction: prediction, versionStart: position)
    }

    /// A decimal number ending at the next comma (digits, sign, point, exponent only), read
    /// with `strtod`, which rounds correctly like Swift's `Double(String)`; moves past the comma.
    private static func number(_ bytes: UnsafeBufferPointer<UInt8>, _ position: inout Int, _ end: Int) -> Double? {
        var index = position
        var sawDigit = false
        while index < end, bytes[index] != UInt8(ascii: ",") {
            switch bytes[index] {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): sawDigit = true
            case UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"): break
            default: return nil
            }
            index += 1
        }
        guard sawDigit, index < end, let base = bytes.baseAddress else { return nil }
        var stop: UnsafeMutablePointer<CChar>?
        let value = (base + position).withMemoryRebound(to: CChar.self, capacity: index - position + 1) { pointer in
            strtod(pointer, &stop)
        }
        let expectedStop = UnsafeRawPointer(base.advanced(by: index))
        guard let stop, UnsafeRawPointer(stop) == expectedStop, value.isFinite else { return nil }
        position = index + 1
        return value
    }

    /// Digits only (an order count), ending at the next comma; moves past the comma.
    private static func wholeNumber(_ bytes: UnsafeBufferPointer<UInt8>, _ position: inout Int, _ end: Int) -> Double? {
        var index = position
        var value = 0
        while index < end, bytes[index] != UInt8(ascii: ",") {
            let digit = Int(bytes[index]) - 48
            guard digit >= 0, digit <= 9, index - position < 18 else { return nil }
            value = value * 10 + digit
            index += 1
        }
        guard index > position, index < end else { return nil }
        position = index + 1
        return Double(value)
    }
}
