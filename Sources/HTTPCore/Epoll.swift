#if canImport(Glibc)
import Glibc
#endif

/// Linux `epoll` and `eventfd`, reached through `dlsym`.
///
/// Swift's Glibc module map does not include `<sys/epoll.h>` or `<sys/eventfd.h>`, and a C shim
/// would need a new target in the shared Package.swift. The symbols are in every glibc, so they
/// are looked up once and called through `@convention(c)` pointers: the C calling convention
/// and the kernel ABI, nothing guessed. `epoll_event` is packed on x86-64 (12 bytes: `events`
/// then `data` at offset 4) and naturally aligned elsewhere (16 bytes, `data` at offset 8).
struct Epoll: Sendable {
    typealias CreateFunction = @convention(c) (Int32) -> Int32
    typealias ControlFunction = @convention(c) (Int32, Int32, Int32, UnsafeMutableRawPointer?) -> Int32
    typealias WaitFunction = @convention(c) (Int32, UnsafeMutableRawPointer?, Int32, Int32) -> Int32
    typealias EventFDFunction = @convention(c) (UInt32, Int32) -> Int32

    static let input: UInt32 = 0x001  // EPOLLIN
    static let output: UInt32 = 0x004  // EPOLLOUT
    static let error: UInt32 = 0x008  // EPOLLERR
    static let hangUp: UInt32 = 0x010  // EPOLLHUP
    static let add: Int32 = 1  // EPOLL_CTL_ADD
    static let delete: Int32 = 2  // EPOLL_CTL_DEL
    static let modify: Int32 = 3  // EPOLL_CTL_MOD

    #if arch(x86_64)
    static let eventSize = 12
    static let dataOffset = 4
    #else
    static let eventSize = 16
    static let dataOffset = 8
    #endif

    let descriptor: Int32
    private let control: ControlFunction
    private let wait: WaitFunction

    /// Creates an epoll instance (close-on-exec).
    init() throws(SocketError) {
        guard let create: CreateFunction = Epoll.symbol("epoll_create1"),
              let control: ControlFunction = Epoll.symbol("epoll_ctl"),
              let wait: WaitFunction = Epoll.symbol("epoll_wait")
        else { throw .failed(call: "dlsym(epoll)", errno: ENOSYS) }
        let descriptor = create(O_CLOEXEC)
        guard descriptor >= 0 else { throw .fromErrno("epoll_create1") }
        self.descriptor = descriptor
        self.control = control
        self.wait = wait
    }

    /// A non-blocking, close-on-exec eventfd: writing 8 bytes wakes the loop that watches it.
    static func makeEventFD() throws(SocketError) -> Int32 {
        guard let create: EventFDFunction = symbol("eventfd") else { throw .failed(call: "dlsym(eventfd)", errno: ENOSYS) }
        let descriptor = create(0, O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { throw .fromErrno("eventfd") }
        return descriptor
    }

    /// Adds, modifies or deletes interest in `fd` (`events` is a mask of the constants above).
    @discardableResult
    func control(_ operation: Int32, _ fd: Int32, events: UInt32) -> Bool {
        var event: (UInt64, UInt64) = (0, 0)
        return withUnsafeMutableBytes(of: &event) { raw in
            raw.storeBytes(of: events, toByteOffset: 0, as: UInt32.self)
            raw.storeBytes(of: Int64(fd), toByteOffset: Epoll.dataOffset, as: Int64.self)
            return control(descriptor, operation, fd, raw.baseAddress) == 0
        }
    }

    /// Waits up to `timeoutMilliseconds` for events into `buffer` (room for `capacity` events);
    /// returns how many arrived (0 on timeout or EINTR).
    func wait(into buffer: UnsafeMutableRawPointer, capacity: Int32, timeoutMilliseconds: Int32) -> Int {
        let count = wait(descriptor, buffer, capacity, timeoutMilliseconds)
        return count < 0 ? 0 : Int(count)
    }

    /// The descriptor and event mask of event `index` in a buffer filled by `wait`.
    static func event(_ buffer: UnsafeMutableRawPointer, _ index: Int) -> (fd: Int32, events: UInt32) {
        let base = buffer + index * eventSize
        let events = base.loadUnaligned(as: UInt32.self)
        let data = (base + dataOffset).loadUnaligned(as: Int64.self)
        return (Int32(truncatingIfNeeded: data), events)
    }

    private static func symbol<Function>(_ name: String) -> Function? {
        guard let pointer = dlsym(nil, name) else { return nil }  // nil handle = RTLD_DEFAULT
        return unsafeBitCast(pointer, to: Function.self)
    }
}
