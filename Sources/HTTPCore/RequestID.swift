/// The id that traces one request from the client to the logs: the client's `X-Request-Id`
/// when it is safe to echo and log, else one the event loop makes. Every response carries it
/// in `X-Request-Id`, the access line ends with it, and a prediction's log line holds it.
public enum RequestID {
    /// Longest client id kept.
    public static let maxLength = 128

    /// The client's id if it is 1 to 128 characters of `A-Z a-z 0-9 - _ . :` (nothing to quote
    /// in a CSV line or a header, nothing a log reader could mistake), else nil.
    public static func fromClient(_ headers: HTTPHeaders) -> String? {
        guard let value = headers.value(.requestID), !value.isEmpty, value.utf8.count <= maxLength else { return nil }
        let safe = value.utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: ":"):
                true
            default:
                false
            }
        }
        return safe ? value : nil
    }
}

/// Server-made ids, `NONCE-LOOP-COUNT`: a random 32-bit nonce drawn once per process (so replicas
/// and restarts do not collide), the event loop's index and its own counter. No lock, no system
/// call per request.
struct RequestIDGenerator {
    private static let nonce: String = {
        let value = UInt32.random(in: .min ... .max)
        let hex = String(value, radix: 16)
        return String(repeating: "0", count: 8 - hex.count) + hex
    }()

    private let prefix: String
    private var count: UInt64 = 0

    init(loop: Int) {
        prefix = RequestIDGenerator.nonce + "-" + String(loop) + "-"
    }

    /// The next id of this loop (written in place: one per request).
    mutating func next() -> String {
        count &+= 1
        let prefixLength = prefix.utf8.count
        return String(unsafeUninitializedCapacity: prefixLength + 20) { text in
            _ = text.initialize(fromContentsOf: prefix.utf8)
            var digits = 0
            var rest = count
            repeat {
                text[prefixLength + digits] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
                digits += 1
            } while rest > 0
            text[prefixLength..<(prefixLength + digits)].reverse()
            return prefixLength + digits
        }
    }

    /// `request`'s id: the client's when valid, else the next of this loop.
    mutating func id(for headers: HTTPHeaders) -> String {
        RequestID.fromClient(headers) ?? next()
    }
}
