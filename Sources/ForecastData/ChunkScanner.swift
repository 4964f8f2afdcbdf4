#if canImport(Glibc)
import Glibc
#endif

/// One streaming pass over a byte range of the CSV file: RFC 4180 records out of large `pread`
/// blocks, each handed to `RecordProcessor`.
///
/// The buffer holds one block (4 MiB) plus the unfinished record carried over, never the file:
/// memory stays flat (issue 2). Fields are byte ranges into the buffer; only the few columns the
/// plan needs are kept, and no `String` is made per field.
///
/// RFC 4180 §2: fields may be quoted; a quoted field may hold delimiters, line breaks and `""`
/// for a quote. Lines may end in CRLF or LF, the last one may lack it. A quote inside an
/// unquoted field is kept as data (as pandas does); bytes between a closing quote and the next
/// delimiter are ignored.
struct ChunkScanner {
    let plan: ScanPlan
    let descriptor: Int32
    /// Bytes read per `pread`.
    static let blockSize = 4 << 20
    /// A record longer than this is an unclosed quote, not data.
    static let maxRecordBytes = 64 << 20

    /// Reads records starting at offsets in `[start, stop)` (a record that starts before `stop`
    /// is read whole). When the last one ends past `stop`, `stop` was inside a quoted field:
    /// the pass then reads on to `fileEnd` and says so in `ranToEnd`.
    /// `progress` receives the bytes of each block as it is read.
    /// `storage` is the read buffer to use (a thread reading several parts passes the same one).
    func scan(start: Int, stop: Int, fileEnd: Int, firstRecordIndex: Int = 0, storage: ReadBuffer = ReadBuffer(),
              progress: (Int) -> Void) throws(ETLError) -> ChunkResult {
        var processor = RecordProcessor(plan: plan, firstRecordIndex: firstRecordIndex)
        var capacity = storage.capacity
        var buffer = storage.bytes
        var bufferOffset = start  // file offset of buffer[0]
        var filled = 0
        var position = 0
        var stopAt = stop
        var ranToEnd = false
        var line = 1  // chunk-local line of the record being read
        var lineBreaks = 0

        let delimiter = plan.dialect.delimiter
        let quote = UInt8(ascii: "\""), newline = UInt8(ascii: "\n"), carriageReturn = UInt8(ascii: "\r")
        let special = SpecialByteIndex(delimiter: delimiter)
        // The mask of the 64-byte block being walked (see `SpecialByteIndex`), kept in locals
        // so that finding a field's end is a few inline instructions.
        var blockStart = -1
        var blockBits: UInt64 = 0
        let slotOfColumn = plan.slotOfColumn
        let fieldCount = slotOfColumn.count

        reading: while true {
            blockStart = -1  // the buffer's bytes move or grow below
            // Keep the unfinished record, then fill the rest of the buffer.
            if position > 0 {
                if filled > position { memmove(buffer, buffer + position, filled - position) }
                bufferOffset += position
                filled -= position
                position = 0
            }
            if filled == capacity {
                guard capacity < Self.maxRecordBytes else {
                    throw .recordTooLong(path: plan.path, line: line, limitBytes: Self.maxRecordBytes)
                }
                storage.grow(keeping: filled)
                buffer = storage.bytes
                capacity = storage.capacity
            }
            let wanted = min(capacity - filled, fileEnd - (bufferOffset + filled))
            if wanted > 0 {
                let got = pread(descriptor, buffer + filled, wanted, off_t(bufferOffset + filled))
                if got < 0 {
                    if errno == EINTR { continue reading }
                    throw .unreadable(path: plan.path, reason: String(cString: strerror(errno)))
                }
                if got == 0 {
                    throw .unreadable(path: plan.path, reason: "the file shrank while it was being read")
                }
                filled += got
                progress(got)
            }
            let atEnd = bufferOffset + filled >= fileEnd

            records: while true {
                let recordOffset = bufferOffset + position
                if recordOffset >= stopAt {
                    if recordOffset == stopAt || stopAt >= fileEnd { break reading }
                    // The previous record crossed the split point: it was inside quotes.
                    ranToEnd = true
                    stopAt = fileEnd
                    if recordOffset >= fileEnd { break reading }
                }
                if position >= filled {
                    if atEnd { break reading }
                    continue reading
                }
                // One record.
                var cursor = position
                var column = 0
                var breaksInside = 0
                var unclosed = false
                var endedWithNewline = false
                var firstFieldEmpty = false
                processor.fields.reset()
                while true {
                    var fieldStart = cursor
                    var fieldEnd: Int
                    var escaped = false
                    if buffer[cursor] == quote {
                        var search = cursor + 1
                        fieldStart = search
                        while true {
                            guard let hit = memchr(buffer + search, Int32(quote), filled - search) else {
                                guard atEnd else { continue reading }
                                unclosed = true
                                search = filled
                                break
                            }
                            let at = UnsafeMutableRawPointer(mutating: hit).assumingMemoryBound(to: UInt8.self) - buffer
                            if at + 1 < filled {
                                if buffer[at + 1] == quote {
                                    escaped = true
                                    search = at + 2
                                    continue
                                }
                            } else if !atEnd {
                                continue reading
                            }
                            search = at
                            break
                        }
                        fieldEnd = search
                        breaksInside += Self.countNewlines(buffer + fieldStart, fieldEnd - fieldStart)
                        cursor = min(search + 1, filled)
                        while cursor < filled, buffer[cursor] != delimiter, buffer[cursor] != newline { cursor += 1 }
                        if cursor == filled, !atEnd { continue reading }
                    } else {
                        while true {
                            while true {
                                let start = cursor & ~63
                                if start != blockStart {
                                    blockBits = special.bits(buffer, start: start, limit: filled)
                                    blockStart = start
                                }
                                let bits = blockBits & (~UInt64(0) << UInt64(cursor & 63))
                                if bits != 0 {
                                    cursor = start + bits.trailingZeroBitCount
                                    break
                                }
                                cursor = start + 64
                                if cursor >= filled {
                                    cursor = filled
                                    break
                                }
                            }
                            // A quote inside an unquoted field is data (as pandas reads it).
                            guard cursor < filled, buffer[cursor] == quote else { break }
                            cursor += 1
                        }
                        if cursor == filled, !atEnd { continue reading }
                        fieldEnd = cursor
                        if fieldEnd > fieldStart, buffer[fieldEnd - 1] == carriageReturn,
                           cursor == filled || buffer[cursor] == newline {
                            fieldEnd -= 1
                        }
                    }
                    if column == 0 { firstFieldEmpty = fieldEnd == fieldStart && buffer[position] != quote }
                    if column < fieldCount {
                        let slot = slotOfColumn[column]
                        if slot >= 0 { processor.fields.set(slot, start: fieldStart, end: fieldEnd, escaped: escaped) }
                    }
                    column += 1
                    if cursor < filled, buffer[cursor] == delimiter {
                        cursor += 1
                        if cursor == filled {
                            if !atEnd { continue reading }
                            // A delimiter right before the end of the file: one more, empty field,
                            // whose slot must be set too, or it keeps the previous record's range
                            // (found by scripts/fuzz.sh, csv_etl).
                            if column < fieldCount, slotOfColumn[column] >= 0 {
                                processor.fields.set(slotOfColumn[column], start: cursor, end: cursor, escaped: false)
                            }
                            column += 1
                            break
                        }
                        continue
                    }
                    if cursor < filled {  // the newline
                        cursor += 1
                        endedWithNewline = true
                    }
                    break
                }
                let recordLine = line
                line += breaksInside + (endedWithNewline ? 1 : 0)
                lineBreaks += breaksInside + (endedWithNewline ? 1 : 0)
                // Blank lines are not rows (pandas' skip_blank_lines).
                if !(column == 1 && firstFieldEmpty && !unclosed) {
                    processor.process(buffer: buffer, columns: column, expectedColumns: fieldCount, unclosed: unclosed,
                                      line: recordLine)
                }
                position = cursor
                if unclosed { position = filled }
                continue records
            }
        }
        var result = processor.finish()
        result.lineBreaks = lineBreaks
        result.endOffset = bufferOffset + position
        result.ranToEnd = ranToEnd
        return result
    }

    /// `\n` bytes in `count` bytes at `start` (line breaks inside quoted fields still count as
    /// lines for the line numbers we report).
    static func countNewlines(_ start: UnsafeMutablePointer<UInt8>, _ count: Int) -> Int {
        var found = 0
        var cursor = start
        var left = count
        while left > 0, let hit = memchr(cursor, Int32(UInt8(ascii: "\n")), left) {
            let next = UnsafeMutableRawPointer(mutating: hit).assumingMemoryBound(to: UInt8.self) + 1
            found += 1
            left -= next - cursor
            cursor = next
        }
        return found
    }
}

/// The bytes a scan reads into: one block (4 MiB), grown only for a record longer than that.
///
/// A thread reuses one for all the parts it reads: allocating 4 MiB per part would leave freed
/// blocks resident in the allocator's per-thread arenas and raise the peak RSS.
final class ReadBuffer {
    private(set) var bytes: UnsafeMutablePointer<UInt8>
    private(set) var capacity: Int

    init(capacity: Int = ChunkScanner.blockSize) {
        self.capacity = capacity
        bytes = .allocate(capacity: capacity)
    }

    deinit {
        bytes.deallocate()
    }

    /// Doubles the capacity, keeping the first `count` bytes.
    func grow(keeping count: Int) {
        let larger = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity * 2)
        larger.update(from: bytes, count: count)
        bytes.deallocate()
        bytes = larger
        capacity *= 2
    }
}
