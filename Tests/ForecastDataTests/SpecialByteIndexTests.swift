import Testing
@testable import ForecastData

@Suite struct SpecialByteIndexTests {
    /// The mask the slow way: one bit per delimiter, `\n` or `"`.
    private func naive(_ bytes: [UInt8], start: Int, limit: Int, delimiter: UInt8) -> UInt64 {
        var mask: UInt64 = 0
        for index in start..<min(start + 64, limit) where [delimiter, 10, 34].contains(bytes[index]) {
            mask |= 1 << UInt64(index - start)
        }
        return mask
    }

    @Test func masks_MatchAByteByByteScan_FullAndPartialBlocks() {
        var random = SplitMix64(seed: 11)
        let alphabet = Array("ab,;\t\n\"0123456789 \r".utf8) + [0x80, 0xFF, 0x7F, 0x00, 0x0B, 0x21, 0x23]
        for delimiter in [UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "\t")] {
            var bytes = (0..<4096).map { _ in alphabet[random.nextInt(below: alphabet.count)] }
            let index = SpecialByteIndex(delimiter: delimiter)
            bytes.withUnsafeMutableBufferPointer { buffer in
                for start in stride(from: 0, to: 4096, by: 64) {
                    for limit in [start + 64, start + 63, start + 1, start + 40] {
                        let fast = index.bits(buffer.baseAddress!, start: start, limit: limit)
                        #expect(fast == naive(Array(buffer), start: start, limit: limit, delimiter: delimiter))
                    }
                }
            }
        }
    }
}
