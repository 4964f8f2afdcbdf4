import Testing
@testable import ModelRegistry

/// The trees' checksum notices every kind of damage it is there for.
@Suite struct PayloadChecksumTests {
    private func hex(_ bytes: [UInt8]) -> String { bytes.withUnsafeBytes { PayloadChecksum.hex(of: $0) } }

    @Test func sameBytes_SameChecksum_ThirtyTwoHexDigits() {
        let bytes = (0..<1000).map { UInt8(truncatingIfNeeded: $0 &* 37) }
        #expect(hex(bytes) == hex(bytes))
        #expect(hex(bytes).count == 32 && hex(bytes).allSatisfy(\.isHexDigit))
    }

    @Test func everySingleBitFlip_ChangesIt() {
        let bytes = (0..<100).map { UInt8(truncatingIfNeeded: $0 &* 11) }
        let original = hex(bytes)
        var seen: Set<String> = [original]
        for index in bytes.indices {
            for bit in 0..<8 {
                var damaged = bytes
                damaged[index] ^= 1 << UInt8(bit)
                seen.insert(hex(damaged))
            }
        }
        #expect(seen.count == 1 + 100 * 8)
    }

    @Test func length_AndOrder_Matter() {
        #expect(hex([]) != hex([0]))
        #expect(hex([UInt8](repeating: 0, count: 64)) != hex([UInt8](repeating: 0, count: 65)))
        let words = (0..<64).map { UInt8($0) }
        // Two 8-byte words swapped.
        let swapped = Array(words[8..<16] + words[0..<8] + words[16...])
        #expect(hex(words) != hex(swapped))
    }
}
