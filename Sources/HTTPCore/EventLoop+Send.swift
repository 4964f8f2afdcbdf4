/// Sending one epoll batch's responses through the loop's `SendRing`.
extension EventLoop {
    /// Sends the outboxes of `sending` through the ring, as few system calls as it takes, and
    /// leaves each connection's result in `sendResults` (by position in `sending`; nil for one
    /// left to `send`: a connection already closed, an outbox larger than the staging buffer,
    /// a send the kernel could not make this way). False when there is no ring to use.
    func sendThroughRing() -> Bool {
        guard let ring = sendRing else { return false }
        sendResults.removeAll(keepingCapacity: true)
        sendResults.append(contentsOf: repeatElement(nil, count: sending.count))
        let staging = sendStaging.baseAddress!
        var position = 0
        while position < sending.count {
            var used = 0
            while position < sending.count && ring.hasRoom {
                let connection = sending[position]
                let pending = connection.outbox.count - connection.outboxOffset
                if connections[Int(connection.descriptor)] !== connection || pending == 0 || pending > sendStaging.count {
                    position += 1
                    continue
                }
                if used + pending > sendStaging.count { break }
                connection.outbox.withUnsafeBytes {
                    (staging + used).copyMemory(from: $0.baseAddress! + connection.outboxOffset, byteCount: pending)
                }
                ring.queueSend(connection.descriptor, UnsafeRawBufferPointer(start: staging + used, count: pending), tag: position)
                used += pending
                position += 1
            }
            if !ring.submit({ tag, result in sendResults[tag] = result }) {
                // Whatever the ring did not report is sent with `send`; the ring is not used again.
                sendRing = nil
                break
            }
        }
        return true
    }
}
