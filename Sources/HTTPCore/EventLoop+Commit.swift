/// Group commit: answers that promise something durable (a prediction's log line) wait, encoded,
/// until the end of the epoll batch; one `commit()` of the responder then makes every promise of
/// the batch durable at once (one log `write` for a few dozen requests instead of one each), and
/// only then are they sent. If the commit fails, each waiting answer is replaced, in place, by
/// the commit's error response, so no client ever receives a promise that was not kept.
struct UncommittedAnswer {
    let connection: Connection
    /// Where the encoded answer sits: in the loop's `output` until `queueOutput` hands it to the
    /// connection, then in the connection's outbox.
    var bytes: Range<Int>
    let keepAlive: Bool
    let http10KeepAlive: Bool
    let requestID: String
    let method: String
    let path: String
    let status: Int
    let micros: Int
}

extension EventLoop {
    /// Remembers the answer just encoded into `output[bytes]`; its metrics and access line wait
    /// for the commit too, so they report what was really sent.
    func holdForCommit(_ answer: UncommittedAnswer) {
        uncommitted.append(answer)
    }

    /// The answers encoded into `output` now live in `connection`'s outbox from `base` on.
    func movedToOutbox(_ connection: Connection, base: Int) {
        for index in uncommittedInOutput..<uncommitted.count where uncommitted[index].connection === connection {
            let bytes = uncommitted[index].bytes
            uncommitted[index].bytes = (bytes.lowerBound + base)..<(bytes.upperBound + base)
        }
        uncommittedInOutput = uncommitted.count
    }

    /// Commits the waiting answers (before any of them is sent), replacing them with the
    /// responder's error response if the commit failed, and records their metrics and access lines.
    func commitHeldAnswers() {
        guard !uncommitted.isEmpty else { return }
        let failure = responder.commit()
        // Backwards, so replacing an answer never moves the ranges of those still to replace.
        for answer in uncommitted.reversed() {
            var status = answer.status
            if let failure, connections[Int(answer.connection.descriptor)] === answer.connection {
                var replacement: [UInt8] = []
                ResponseEncoder.encode(
                    failure, omitBody: answer.method == "HEAD", keepAlive: answer.keepAlive,
                    http10KeepAlive: answer.http10KeepAlive, date: date.bytes, requestID: answer.requestID, into: &replacement
                )
                answer.connection.outbox.replaceSubrange(answer.bytes, with: replacement)
                status = failure.status
            }
            shared.metrics.record(loop: index, status: status, micros: answer.micros)
            accessLog.record(
                method: answer.method, path: answer.path, status: status, micros: answer.micros,
                requestID: answer.requestID, now: now
            )
        }
        uncommitted.removeAll(keepingCapacity: true)
        uncommittedInOutput = 0
    }
}
