/// The per-connection work of an event loop: read, decode, answer, write, close.
extension EventLoop {
    /// Reacts to epoll's report for one connection.
    func handle(_ connection: Connection, flags: UInt32) {
        if flags & Epoll.output != 0 {
            flushOutbox(connection)
            return
        }
        if flags & (Epoll.input | Epoll.error | Epoll.hangUp) != 0 { readAvailable(connection) }
    }

    /// Reads what the socket holds and answers every whole request in it.
    func readAvailable(_ connection: Connection) {
        while true {
            switch Socket.read(connection.descriptor, into: scratch, count: EventLoop.readChunk) {
            case .closed:
                close(connection)
                return
            case .wouldBlock:
                return
            case let .bytes(count):
                connection.lastActivity = now
                if case .lingering = connection.phase { continue }  // discard until EOF
                consume(count, on: connection)
                // A full chunk may mean more is waiting; stop if we are now waiting to write.
                guard count == EventLoop.readChunk, connections[Int(connection.descriptor)] === connection,
                      !connection.hasPendingOutput, !connection.closeAfterFlush
                else { return }
            }
        }
    }

    /// Decodes and answers the requests in the connection's buffered bytes plus `count` new
    /// bytes in `scratch`, then sends every response with one `send`.
    private func consume(_ count: Int, on connection: Connection) {
        output.removeAll(keepingCapacity: true)
        if connection.inbox.isEmpty {
            // Common case: no partial request pending, decode straight from the read buffer.
            let used = answerRequests(in: UnsafeRawBufferPointer(start: scratch, count: count), on: connection)
            if used < count {
                connection.inbox.append(contentsOf: UnsafeRawBufferPointer(start: scratch + used, count: count - used))
            }
        } else {
            connection.inbox.append(contentsOf: UnsafeRawBufferPointer(start: scratch, count: count))
            let used = connection.inbox.withUnsafeBytes { answerRequests(in: $0, on: connection) }
            connection.inbox.removeFirst(used)
        }
        queueOutput(connection)
    }

    /// Hands `output` to the connection and queues it; the queue is sent after every ready
    /// connection of this epoll batch has been answered. A `send` on loopback wakes the client,
    /// which may preempt this thread: answering first and sending last keeps the work of one
    /// wake-up together (fewer context switches when clients share the cores).
    private func queueOutput(_ connection: Connection) {
        if output.isEmpty {
            if connection.closeAfterFlush && !connection.hasPendingOutput { beginLinger(connection) }
            return
        }
        if connection.hasPendingOutput {
            // Already queued or parked: keep the order, append.
            movedToOutbox(connection, base: connection.outbox.count)
            connection.outbox.append(contentsOf: output)
            output.removeAll(keepingCapacity: true)
            return
        }
        movedToOutbox(connection, base: 0)
        swap(&output, &connection.outbox)  // a buffer swap, not a copy
        output.removeAll(keepingCapacity: true)
        connection.outboxOffset = 0
        connection.queued = true
        sendQueue.append(connection)
    }

    /// Sends every queued outbox, one `send` each; what a socket does not take is parked. A
    /// connection whose outbox went out whole and that still holds pipelined requests (held back
    /// by `pendingOutputLimit`) is answered again and sent in the next round.
    func flushSendQueue() {
        while !sendQueue.isEmpty {
            commitHeldAnswers()
            // The two queues trade buffers: a copy of the queue would make `removeAll(keepingCapacity:)`
            // allocate a new one on every pass.
            swap(&sendQueue, &sending)
            defer { sending.removeAll(keepingCapacity: true) }
            let batched = sending.count > 1 && sendThroughRing()
            for (position, connection) in sending.enumerated() {
                connection.queued = false
                guard connections[Int(connection.descriptor)] === connection else { continue }
                let result = (batched ? sendResults[position] : nil) ?? connection.outbox.withUnsafeBytes {
                    Socket.send(connection.descriptor, $0.baseAddress! + connection.outboxOffset, count: $0.count - connection.outboxOffset)
                }
                switch result {
                case .closed:
                    close(connection)
                case .wouldBlock:
                    park(connection)
                case let .bytes(sent):
                    connection.outboxOffset += sent
                    if connection.hasPendingOutput {
                        park(connection)
                    } else {
                        connection.outbox.removeAll(keepingCapacity: true)
                        connection.outboxOffset = 0
                        if connection.closeAfterFlush {
                            beginLinger(connection)
                        } else {
                            answerHeldRequests(connection)
                        }
                    }
                }
            }
        }
    }

    /// Answers the requests left in the inbox when the output limit stopped the last pass.
    private func answerHeldRequests(_ connection: Connection) {
        guard !connection.inbox.isEmpty, !connection.hasPendingOutput, !connection.closeAfterFlush else { return }
        if case .lingering = connection.phase { return }
        output.removeAll(keepingCapacity: true)
        let used = connection.inbox.withUnsafeBytes { answerRequests(in: $0, on: connection) }
        connection.inbox.removeFirst(used)
        queueOutput(connection)
    }

    /// Answers each whole request in `bytes`; returns how many bytes were used. After a
    /// response that closes the connection, the rest is discarded (reported as used). Stops
    /// once `pendingOutputLimit` bytes of responses are waiting: 64 KiB of tiny pipelined
    /// requests for a large document would otherwise become megabytes held for a client that
    /// may never read them. The rest waits in the inbox until those responses are out.
    private func answerRequests(in bytes: UnsafeRawBufferPointer, on connection: Connection) -> Int {
        var offset = 0
        while offset < bytes.count && output.count < EventLoop.pendingOutputLimit {
            do {
                switch try decoder.decode(UnsafeRawBufferPointer(rebasing: bytes[offset...])) {
                case let .incomplete(expectsContinue):
                    if connection.requestStartedAt == nil { connection.requestStartedAt = now }
                    if expectsContinue && !connection.sentContinue {
                        output.append(contentsOf: ResponseEncoder.continueResponse)
                        connection.sentContinue = true
                    }
                    return offset
                case let .request(request, consumed):
                    offset += consumed
                    connection.sentContinue = false
                    connection.requestStartedAt = nil
                    answer(request, on: connection)
                    if connection.closeAfterFlush { return bytes.count }
                }
            } catch {
                answerError(error, on: connection, flush: false)
                return bytes.count
            }
        }
        return offset
    }

    /// Calls the responder and encodes its response, with the request's id, into `output`.
    private func answer(_ request: consuming HTTPRequest, on connection: Connection) {
        let started = MonotonicClock.nanoseconds()
        request.id = requestIDs.id(for: request.headers)
        let response = responder.respond(to: request)
        let keepAlive = request.keepAlive && !response.closesConnection && drainDeadline == nil
        let http10KeepAlive = keepAlive && request.minorVersion == 0
        let start = output.count
        ResponseEncoder.encode(
            response, omitBody: request.method == "HEAD", keepAlive: keepAlive,
            http10KeepAlive: http10KeepAlive, date: date.bytes, requestID: request.id, into: &output
        )
        if !keepAlive { connection.closeAfterFlush = true }
        let finished = MonotonicClock.nanoseconds()
        let micros = (finished - started) / 1000
        if response.awaitsCommit {
            holdForCommit(UncommittedAnswer(
                connection: connection, bytes: start..<output.count, keepAlive: keepAlive, http10KeepAlive: http10KeepAlive,
                requestID: request.id, method: request.method, path: request.path, status: response.status, micros: micros
            ))
            return
        }
        shared.metrics.record(loop: index, status: response.status, micros: micros)
        accessLog.record(
            method: request.method, path: request.path, status: response.status, micros: micros, requestID: request.id, now: finished
        )
    }

    /// Answers a request that could not be decoded (or timed out) and closes the connection.
    func answerError(_ error: HTTPError, on connection: Connection, flush: Bool = true) {
        if flush {
            // From the sweep; during decoding the caller owns (and discards) the inbox.
            output.removeAll(keepingCapacity: true)
            connection.inbox.removeAll()
        }
        connection.requestStartedAt = nil
        // No request was decoded, so no client id can be trusted: the loop makes one.
        let requestID = requestIDs.next()
        ResponseEncoder.encode(error.response, omitBody: false, keepAlive: false, date: date.bytes, requestID: requestID, into: &output)
        connection.closeAfterFlush = true
        shared.metrics.record(loop: index, status: error.status, micros: 0)
        accessLog.record(method: "-", path: "-", status: error.status, micros: 0, requestID: requestID, now: now)
        if flush { flushOutput(connection) }
    }

    /// Sends `output` in one `send`; what the socket does not take waits in the outbox.
    private func flushOutput(_ connection: Connection) {
        if !output.isEmpty {
            let result = output.withUnsafeBytes { Socket.send(connection.descriptor, $0.baseAddress!, count: $0.count) }
            switch result {
            case .closed:
                close(connection)
                return
            case .wouldBlock:
                park(output[...], on: connection)
                return
            case let .bytes(sent):
                if sent < output.count {
                    park(output[sent...], on: connection)
                    return
                }
            }
        }
        if connection.closeAfterFlush { beginLinger(connection) }
    }

    /// Keeps unsent bytes and watches for writability instead of input until they are out.
    private func park(_ bytes: ArraySlice<UInt8>, on connection: Connection) {
        connection.outbox = Array(bytes)
        connection.outboxOffset = 0
        park(connection)
    }

    /// Watches for writability instead of input until the outbox is out.
    private func park(_ connection: Connection) {
        connection.writeBlockedSince = now
        connection.watchingWrites = true
        epoll.control(Epoll.modify, connection.descriptor, events: Epoll.output)
    }

    /// Sends more of the outbox when the socket becomes writable.
    private func flushOutbox(_ connection: Connection) {
        while connection.hasPendingOutput {
            let result = connection.outbox.withUnsafeBytes {
                Socket.send(connection.descriptor, $0.baseAddress! + connection.outboxOffset, count: $0.count - connection.outboxOffset)
            }
            switch result {
            case .closed:
                close(connection)
                return
            case .wouldBlock:
                return
            case let .bytes(sent):
                connection.outboxOffset += sent
                connection.lastActivity = now
                connection.writeBlockedSince = now
            }
        }
        connection.outbox = []
        connection.outboxOffset = 0
        connection.writeBlockedSince = nil
        connection.watchingWrites = false
        epoll.control(Epoll.modify, connection.descriptor, events: Epoll.input)
        if connection.closeAfterFlush {
            beginLinger(connection)
        } else if drainDeadline != nil && connection.isIdle {
            close(connection)
        } else {
            answerHeldRequests(connection)
        }
    }

    /// Half-closes after the last response and drains the client's leftovers (RFC 9112 §9.6).
    private func beginLinger(_ connection: Connection) {
        if case .lingering = connection.phase { return }
        connection.phase = .lingering(since: now)
        connection.inbox = []
        Socket.shutdownWrite(connection.descriptor)
    }
}
