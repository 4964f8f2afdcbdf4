/// Scratch buffers on the stack for one-row prediction, the path every `/predict` takes.
///
/// `withUnsafeTemporaryAllocation` keeps at most 1 KiB on the stack: above that it asks the
/// runtime whether the stack has room, the Linux runtime always answers no, and the buffer comes
/// from `posix_memalign` and goes back to `free` (about 500 instructions a buffer under
/// callgrind). A row of the 200-tree daily model needs two larger buffers: the trees' values
/// (1.6 KiB) and the walk's tail (1.7 KiB). Fixed-size inline arrays are stack memory whatever
/// their size, so forests of up to 240 trees use them; larger ones fall back to the temporary
/// allocation. An inline array must be initialized: each stays under 2 KiB, so glibc zeroes it
/// with a loop of about 60 vector stores (from 2 KiB up it switches to `rep stosb`, which is as
/// fast but which callgrind counts as one instruction per byte).
@usableFromInline
enum StackScratch {
    /// One value per tree, for forests of up to 240 trees.
    @usableFromInline typealias TreeValues = InlineArray<240, Double>
    /// The walk's tail for those forests: a position and a tree per lane, with room to pad the
    /// last group to eight lanes (2 × (240 + 8)).
    @usableFromInline typealias TailSlots = InlineArray<496, UInt32>

    /// `body` with `count` doubles of scratch.
    @inlinable @inline(__always)
    static func withDoubles<R>(_ count: Int, _ body: (UnsafeMutableBufferPointer<Double>) -> R) -> R {
        guard count <= TreeValues.count else { return withUnsafeTemporaryAllocation(of: Double.self, capacity: count, body) }
        var storage = TreeValues(repeating: 0)
        var span = storage.mutableSpan
        return span.withUnsafeMutableBufferPointer { all in body(UnsafeMutableBufferPointer(rebasing: all[..<count])) }
    }

    /// `body` with `count` 32-bit slots of scratch (the walk's tail).
    @inlinable @inline(__always)
    static func withSlots<R>(_ count: Int, _ body: (UnsafeMutableBufferPointer<UInt32>) -> R) -> R {
        guard count <= TailSlots.count else { return withUnsafeTemporaryAllocation(of: UInt32.self, capacity: count, body) }
        var storage = TailSlots(repeating: 0)
        var span = storage.mutableSpan
        return span.withUnsafeMutableBufferPointer { all in body(UnsafeMutableBufferPointer(rebasing: all[..<count])) }
    }
}
