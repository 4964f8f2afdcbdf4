// The forest's own pseudo-random generator. Swift's `SystemRandomNumberGenerator` cannot be
// seeded, and `Int.random(in:using:)` may change its algorithm between toolchains, so both the
// generator and the bounded draw are written here: the same seed gives the same forest on every
// machine and every Swift version.

/// xoshiro256** (Blackman & Vigna, 2018), seeded through SplitMix64 as its authors recommend.
///
/// Small, fast and good enough for bootstrap draws and feature shuffles; not for cryptography.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var s0: UInt64
    private var s1: UInt64
    private var s2: UInt64
    private var s3: UInt64

    /// A generator whose whole sequence is determined by `seed`.
    public init(seed: UInt64) {
        var mixer = seed
        s0 = SeededGenerator.splitMix(&mixer)
        s1 = SeededGenerator.splitMix(&mixer)
        s2 = SeededGenerator.splitMix(&mixer)
        s3 = SeededGenerator.splitMix(&mixer)
    }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        let result = rotate(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = rotate(s3, 45)
        return result
    }

    /// A uniform integer in `0..<bound` (`bound` > 0), without modulo bias.
    ///
    /// Lemire's multiply-shift with rejection ("Fast random integer generation in an interval",
    /// 2019): exact, and usually a single multiplication.
    public mutating func next(below bound: Int) -> Int {
        let range = UInt64(bound)
        var product = next().multipliedFullWidth(by: range)
        if product.low < range {
            let threshold = (0 &- range) % range
            while product.low < threshold {
                product = next().multipliedFullWidth(by: range)
            }
        }
        return Int(product.high)
    }

    private func rotate(_ value: UInt64, _ amount: UInt64) -> UInt64 {
        (value << amount) | (value >> (64 - amount))
    }

    private static func splitMix(_ state: inout UInt64) -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
