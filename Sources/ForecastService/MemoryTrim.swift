#if canImport(Glibc)
import Glibc
#endif

/// glibc's `malloc_trim(0)`: returns free heap pages to the kernel.
///
/// After a model reload the old model's few megabytes are freed, but glibc keeps freed pages
/// of its arenas (the reload runs on another thread than the first load, in another arena), so
/// RSS would stay at the high-water mark of two models. The function is not in Swift's Glibc
/// module, so it is looked up once by name; without it (another libc) this does nothing.
enum MemoryTrim {
    private typealias Trim = @convention(c) (Int) -> Int32

    private static let trim: Trim? = {
        guard let handle = dlopen(nil, RTLD_NOW), let symbol = dlsym(handle, "malloc_trim") else { return nil }
        return unsafeBitCast(symbol, to: Trim.self)
    }()

    static func releaseFreeMemory() {
        _ = trim?(0)
    }
}
