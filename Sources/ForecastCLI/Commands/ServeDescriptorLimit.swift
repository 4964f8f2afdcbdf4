#if canImport(Glibc)
import Glibc
#endif

/// Raises the soft limit on open files to the hard limit: each connection is a descriptor, and
/// the common soft default (1024) would cap the server below `--max-connections` plus the log,
/// listeners and epoll sets.
enum ServeDescriptorLimit {
    static func raise() {
        var limit = rlimit()
        let resource = __rlimit_resource_t(RLIMIT_NOFILE.rawValue)
        guard getrlimit(resource, &limit) == 0, limit.rlim_cur < limit.rlim_max else { return }
        limit.rlim_cur = limit.rlim_max
        _ = setrlimit(resource, &limit)  // best effort: the old limit still works, just lower
    }
}
