import Foundation
import Testing
import ModelRegistry

/// FIPS 180-4 / NIST example vectors.
@Suite struct SHA256Tests {
    @Test func knownVectors() {
        #expect(SHA256.hex(of: Array("".utf8)) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex(of: Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hex(of: Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
            == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        let million = [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)
        #expect(SHA256.hex(of: million) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test func bufferAndPieceByPieceUpdates_AgreeWithOneShot() {
        let bytes = (0..<1000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        let expected = SHA256.hex(of: bytes)
        for cut in [0, 1, 55, 56, 63, 64, 65, 500, 999] {
            var hasher = SHA256()
            hasher.update(bytes[..<cut])
            bytes[cut...].withUnsafeBytes { hasher.update(buffer: $0) }
            #expect(hasher.finalizeHex() == expected, "cut at \(cut)")
        }
    }
}
