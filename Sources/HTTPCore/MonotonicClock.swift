#if canImport(Glibc)
import Glibc
#endif

/// Nanoseconds from `CLOCK_MONOTONIC`: for timeouts and durations, immune to wall-clock jumps.
/// `clock_gettime` is served by the vDSO (no system call), cheap enough per request.
public enum MonotonicClock {
    /// Nanoseconds since an arbitrary fixed point.
    public static func nanoseconds() -> Int {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return spec.tv_sec * 1_000_000_000 + spec.tv_nsec
    }
}
