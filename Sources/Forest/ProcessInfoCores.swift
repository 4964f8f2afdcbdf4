import Foundation

/// The number of cores this process may run on (respects CPU affinity and cgroup limits as
/// Foundation reports them).
enum ProcessInfoCores {
    static var count: Int { ProcessInfo.processInfo.activeProcessorCount }
}
