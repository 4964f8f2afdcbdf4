#if canImport(Glibc)
import Glibc
#endif

/// SIGINT, SIGTERM and SIGHUP, received synchronously with `sigwait` instead of handlers.
///
/// A signal handler may only call async-signal-safe functions; waiting for the signal on the
/// main thread lets the shutdown and reload code be ordinary Swift. SIGPIPE is ignored: a client
/// that vanishes is an error on `send`, not the death of the server. SIGXFSZ is ignored too: a
/// log past the file size limit (`ulimit -f`) is a failed `write` (EFBIG, answered 503), not a
/// killed server.
struct ServeSignals {
    enum Received {
        case reload
        case stop
    }

    private var set = sigset_t()

    /// Blocks the signals in the calling thread (threads created later inherit the mask).
    init() {
        sigemptyset(&set)
        sigaddset(&set, SIGINT)
        sigaddset(&set, SIGTERM)
        sigaddset(&set, SIGHUP)
        pthread_sigmask(SIG_BLOCK, &set, nil)
        signal(SIGPIPE, SIG_IGN)
        signal(SIGXFSZ, SIG_IGN)
    }

    /// Waits for the next of the three signals.
    func wait() -> Received {
        var set = self.set
        while true {
            var number: Int32 = 0
            guard sigwait(&set, &number) == 0 else { continue }
            return number == SIGHUP ? .reload : .stop
        }
    }
}
