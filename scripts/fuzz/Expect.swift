// Shared by every harness: an invariant check whose message survives -O (`precondition`'s
// message is dropped in optimised builds, and libFuzzer's report would say only "deadly signal").

/// Stops the run with `message` when `condition` is false; libFuzzer saves the input.
@inline(__always)
func expect(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition { fatalError("invariant broken: " + message()) }
}
