/// A 128-bit checksum of the model file's binary tree payload, fast enough to run at memory
/// speed on every load (a few GB/s; our portable SHA-256 manages ~0.2 GB/s).
///
/// It guards against damage and hand edits, like the SHA-256 it replaces for the payload: any
/// changed, missing or moved byte changes it with overwhelming probability. Neither is a
/// signature (whoever edits a file can recompute either), and the metadata digest, which
/// includes this checksum, stays SHA-256.
///
/// Construction: four independent 64-bit lanes, each folding one 8-byte word in four with a
/// multiply by an odd constant and rotations (so the CPU overlaps the four multiply chains); the
/// tail, the length and the lanes are then mixed into two 64-bit halves with a xor-shift-multiply
/// finaliser whose every output bit depends on every input bit.
public enum PayloadChecksum {
    /// Name written in the model file beside the value.
    public static let algorithmName = "mix128"

    private static let multiplier0: UInt64 = 0x9E37_79B9_7F4A_7C15  // 2^64 / golden ratio, odd
    private static let multiplier1: UInt64 = 0xC2B2_AE3D_27D4_EB4F
    private static let multiplier2: UInt64 = 0x1656_67B1_9E37_79F9
    private static let seeds: (UInt64, UInt64, UInt64, UInt64) = (
        0x243F_6A88_85A3_08D3, 0x1319_8A2E_0370_7344, 0xA409_3822_299F_31D0, 0x082E_FA98_EC4E_6C89
    )  // digits of π

    /// The checksum of `bytes` as 32 lowercase hex digits.
    public static func hex(of bytes: UnsafeRawBufferPointer) -> String {
        let (high, low) = digest(of: bytes)
        return hex(high) + hex(low)
    }

    /// The two 64-bit halves of the checksum of `bytes`.
    public static func digest(of bytes: UnsafeRawBufferPointer) -> (UInt64, UInt64) {
        var (a, b, c, d) = seeds
        let count = bytes.count
        var offset = 0
        if let base = bytes.baseAddress {
            while count - offset >= 32 {
                a = round(a, base.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
                b = round(b, base.loadUnaligned(fromByteOffset: offset + 8, as: UInt64.self))
                c = round(c, base.loadUnaligned(fromByteOffset: offset + 16, as: UInt64.self))
                d = round(d, base.loadUnaligned(fromByteOffset: offset + 24, as: UInt64.self))
                offset += 32
            }
            // The last 0–31 bytes, one at a time into the lanes in turn (cheap: at most 31).
            var lane = 0
            while offset < count {
                let word = UInt64(base.load(fromByteOffset: offset, as: UInt8.self)) &+ 0x100
                switch lane & 3 {
                case 0: a = round(a, word)
                case 1: b = round(b, word)
                case 2: c = round(c, word)
                default: d = round(d, word)
                }
                lane += 1
                offset += 1
            }
        }
        let length = UInt64(truncatingIfNeeded: count)
        let high = finalise(a ^ rotate(c, 17) ^ length &* multiplier1, b ^ rotate(d, 41))
        let low = finalise(c ^ rotate(a, 29) ^ ~length, d ^ rotate(b, 7) ^ high)
        return (high, low)
    }

    @inline(__always)
    private static func round(_ lane: UInt64, _ word: UInt64) -> UInt64 {
        rotate(lane &+ word &* multiplier1, 31) &* multiplier0
    }

    @inline(__always)
    private static func rotate(_ value: UInt64, _ amount: UInt64) -> UInt64 {
        (value << amount) | (value >> (64 - amount))
    }

    /// Mixes two words into one so that each input bit flips about half the output bits.
    private static func finalise(_ x: UInt64, _ y: UInt64) -> UInt64 {
        var value = x ^ (y &* multiplier2)
        value ^= value >> 33
        value &*= multiplier1
        value ^= value >> 29
        value &*= multiplier2
        value ^= value >> 32
        return value
    }

    private static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
