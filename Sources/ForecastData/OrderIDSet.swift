/// A set of 64-bit order-id hashes for one day: open addressing, linear probing.
///
/// Counting distinct orders per day (`nb_commandes`) is the only place the ETL remembers ids;
/// 8 bytes an id in a flat array keeps that small and fast (no per-id allocation, no SipHash).
/// Zero marks an empty slot, so hashes are never zero (see `OrderIDHash`).
struct OrderIDSet: Sendable {
    private(set) var keys: [UInt64]
    private(set) var count = 0
    private var mask: Int

    init(capacity: Int = 64) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        keys = [UInt64](repeating: 0, count: size)
        mask = size - 1
    }

    /// Adds `hash` (non-zero); returns whether it was new.
    @discardableResult
    mutating func insert(_ hash: UInt64) -> Bool {
        if (count + 1) * 2 > keys.count { grow() }
        var index = Int(truncatingIfNeeded: hash) & mask
        while true {
            let key = keys[index]
            if key == hash { return false }
            if key == 0 {
                keys[index] = hash
                count += 1
                return true
            }
            index = (index + 1) & mask
        }
    }

    /// Adds every hash of `other`.
    mutating func formUnion(_ other: OrderIDSet) {
        for key in other.keys where key != 0 { insert(key) }
    }

    private mutating func grow() {
        let old = keys
        keys = [UInt64](repeating: 0, count: old.count * 2)
        mask = keys.count - 1
        count = 0
        for key in old where key != 0 { insert(key) }
    }
}

/// The 64-bit hash that stands for an order id.
///
/// Ids are compared by hash only, so two different ids of the same day collide with odds of
/// about n²/2⁶⁵ (≈ 3·10⁻¹² for 10,000 orders a day); ids of up to 7 bytes are packed with
/// their length and mixed by a bijection, so they collide only if one maps to the zero hash
/// (odds 2⁻⁶⁴).
enum OrderIDHash {
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var state: UInt64 = UInt64(bytes.count) << 56
        if bytes.count <= 7 {
            for index in 0..<bytes.count { state |= UInt64(bytes[index]) << (8 * index) }
            return nonZero(mix(state))
        }
        // Longer ids: 8-byte words, the last one overlapping the one before (no byte loop).
        let raw = UnsafeRawBufferPointer(bytes)
        state = 0x9E37_79B9_7F4A_7C15 ^ UInt64(bytes.count)
        var index = 0
        while index + 8 < bytes.count {
            state = mix(state ^ raw.loadUnaligned(fromByteOffset: index, as: UInt64.self))
            index += 8
        }
        state = mix(state ^ raw.loadUnaligned(fromByteOffset: bytes.count - 8, as: UInt64.self))
        return nonZero(state)
    }

    /// SplitMix64's finalizer: a bijection on 64 bits with good avalanche.
    @inline(__always)
    static func mix(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    @inline(__always)
    private static func nonZero(_ hash: UInt64) -> UInt64 { hash == 0 ? 1 : hash }
}
