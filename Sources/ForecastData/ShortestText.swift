import ByteWriting

/// A `Double`'s shortest round-trip text (its `description`), formatted once and kept inline.
///
/// The server writes the same four numbers into a prediction's JSON answer and into its log
/// line; formatting a `Double` costs about 400 instructions, so each is formatted once and its
/// digits copied twice. No heap allocation: the text lives in 32 inline bytes (a `description`
/// is at most 24).
public struct ShortestText: Sendable {
    /// The number the text is of.
    public let value: Double
    private var storage = InlineBytes()

    /// Formats `value` (as `value.description` does).
    public init(_ value: Double) {
        self.value = value
        // `write(to:)` spells a NaN with its payload (`-snan(0x…)`); `description` says `nan`.
        if value.isFinite { value.write(to: &storage) } else { storage.write(value.description) }
    }

    /// The most bytes `writeDescription` writes (a description is at most 24).
    public static let descriptionByteBound = 32

    /// The most bytes `writePlain` writes: the digits as they are, or for a text with an
    /// exponent its plain form, which `PlainDecimal.maxBytes` bounds.
    public var plainByteBound: Int { hasExponent ? PlainDecimal.maxBytes : storage.count }

    /// Writes `value.description`'s bytes.
    public func writeDescription(to out: inout ByteWriter) {
        guard !storage.overflowed else {
            var text: [UInt8] = []
            PlainDecimal.appendDescription(value, to: &text)
            return out.write(text)
        }
        storage.withBytes { out.write($0) }
    }

    /// Writes `PlainDecimal.format(value)`'s bytes: the digits as they are unless they carry an
    /// exponent, which the files of SPEC.md never have.
    public func writePlain(to out: inout ByteWriter) {
        guard !hasExponent else {
            var text: [UInt8] = []
            PlainDecimal.append(value, to: &text)
            return out.write(text)
        }
        storage.withBytes { out.write($0) }
    }

    /// Whether the text has an exponent, which the plain form moves across the point. Well
    /// inside [1e-4, 2^53) a description has none: no need to look (as in `PlainDecimal.append`).
    private var hasExponent: Bool {
        let magnitude = value.magnitude
        let mayHaveExponent = !value.isFinite || (value != 0 && (magnitude < 1e-3 || magnitude >= 1e15))
        return storage.overflowed || (mayHaveExponent && storage.withBytes { $0.contains(UInt8(ascii: "e")) })
    }
}

/// 32 bytes of text written by `Double.write(to:)`.
private struct InlineBytes: TextOutputStream, Sendable {
    private var bytes: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
    private(set) var count = 0
    /// More text came than fits (never for a `Double`'s description); readers then format again.
    private(set) var overflowed = false

    mutating func write(_ string: String) {
        var text = string
        text.withUTF8 { _writeASCII($0) }
    }

    /// The requirement `Double.write(to:)` hands its digits to, formatted on the stack (see
    /// `PlainDecimal.appendDescription`).
    mutating func _writeASCII(_ buffer: UnsafeBufferPointer<UInt8>) {
        guard count + buffer.count <= MemoryLayout.size(ofValue: bytes) else {
            overflowed = true
            return
        }
        guard let source = buffer.baseAddress else { return }
        let start = count
        withUnsafeMutableBytes(of: &bytes) { raw in
            (raw.baseAddress! + start).copyMemory(from: source, byteCount: buffer.count)
        }
        count += buffer.count
    }

    func withBytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        withUnsafeBytes(of: bytes) { raw in
            raw.withMemoryRebound(to: UInt8.self) { body(UnsafeBufferPointer(rebasing: $0[..<count])) }
        }
    }
}

/// The four numbers of a prediction, each formatted once for both its answer and its log line.
public struct PredictionNumbers: Sendable {
    public let revenue: ShortestText
    public let prediction: ShortestText
    public let lower: ShortestText
    public let upper: ShortestText

    public init(revenue: Double, prediction: Double, lower: Double, upper: Double) {
        self.revenue = ShortestText(revenue)
        self.prediction = ShortestText(prediction)
        self.lower = ShortestText(lower)
        self.upper = ShortestText(upper)
    }
}
