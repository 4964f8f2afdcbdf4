#if canImport(Glibc)
import Glibc
#endif
import Dispatch
import Synchronization

/// `forecast etl`: transactions CSV in, daily features file out (SPEC.md, issue 2).
///
/// The pieces: `CSVDialect` and `CSVHeader` read the first bytes, `ColumnResolver` picks the
/// columns, `ChunkScanner` streams records (on several threads for large files: see
/// `FileSplitter` and `PartScheduler`), `RecordProcessor` turns rows into `DayTable` totals, and `DailyMerge`
/// combines the parts, zero-fills empty days and attaches the labels. Nothing is written unless
/// the whole run succeeds, and then atomically.
public enum DailyFeaturesETL {
    /// Runs the ETL and writes `options.output`. `progress(done, total)` is called from the
    /// reading threads after each block, in bytes (a file without a date column is read twice).
    public static func run(_ options: ETLOptions, progress: (@Sendable (Int, Int) -> Void)? = nil) throws -> ETLSummary {
        let (summary, records) = try compute(options, progress: progress)
        try FeaturesFile.write(records, to: options.output)
        return summary
    }

    /// Runs the ETL without writing: the summary and the features rows.
    public static func compute(_ options: ETLOptions, progress: (@Sendable (Int, Int) -> Void)? = nil)
        throws(ETLError) -> (ETLSummary, [DailyRecord]) {
        let path = options.input
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw .unreadable(path: path, reason: String(cString: strerror(errno))) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw .unreadable(path: path, reason: String(cString: strerror(errno))) }
        guard (status.st_mode & S_IFMT) == S_IFREG else { throw .unreadable(path: path, reason: "not a regular file") }
        let size = Int(status.st_size)

        let head = try readHead(descriptor, path: path, size: size, options: options)
        let layout = try ColumnResolver.resolve(head.names, choices: options.columns, path: path)
        var plan = ScanPlan(path: path, dialect: head.dialect, layout: layout, monthFirst: options.monthFirst,
                            spread: nil, mode: .aggregate, orderIDBudget: options.orderIDBudget)
        let reads = layout.date == nil ? 2 : 1
        let done = Atomic<Int>(0)
        let report: @Sendable (Int) -> Void = { bytes in
            let total = done.add(bytes, ordering: .relaxed).newValue
            progress?(total, max(1, (size - head.dataStart) * reads))
        }

        var merge = DailyMerge(headerLines: head.lineBreaks)
        do throws(ETLError) {
            try scanAll(plan: &plan, descriptor: descriptor, dataStart: head.dataStart, size: size,
                        options: options, into: &merge, progress: report)
        } catch {
            // Scanners count lines from their own start; the data starts after the header.
            throw error.movingLine(by: head.lineBreaks)
        }
        merge.countSettledDays()
        if layout.order != nil, !merge.daysToRecount.isEmpty {
            let passes = merge.recountPlan(budget: options.orderIDBudget)
            merge.startRecount()
            for (days, partitions) in passes {
                for partition in 0..<partitions {
                    plan.mode = .recountOrders(days, partitions: partitions, partition: partition)
                    let recount = try ChunkScanner(plan: plan, descriptor: descriptor)
                        .scan(start: head.dataStart, stop: size, fileEnd: size) { _ in }
                    merge.addRecount(recount.table)
                }
            }
            merge.finishRecount()
        }
        return try merge.finish(options: options, plan: plan, bytes: size)
    }

    /// The first pass: one part for a file without a date column (read twice: the days depend on
    /// the row count, as `pd.date_range(periods=n)` did), else parts on `options.jobs` threads.
    private static func scanAll(plan: inout ScanPlan, descriptor: Int32, dataStart: Int, size: Int, options: ETLOptions,
                                into merge: inout DailyMerge, progress: @escaping @Sendable (Int) -> Void) throws(ETLError) {
        if plan.layout.date == nil {
            plan.mode = .countRows
            let count = try ChunkScanner(plan: plan, descriptor: descriptor)
                .scan(start: dataStart, stop: size, fileEnd: size, progress: progress).rowsRead
            plan.mode = .aggregate
            plan.spread = EvenSpread(start: options.spreadStart, days: options.spreadDays, count: count)
            merge.add(try ChunkScanner(plan: plan, descriptor: descriptor)
                .scan(start: dataStart, stop: size, fileEnd: size, progress: progress))
            return
        }
        let starts = try FileSplitter.partStarts(descriptor, path: plan.path, dataStart: dataStart, size: size,
                                                 jobs: options.jobs, partBytes: options.minimumChunkBytes)
        var partPlan = plan
        partPlan.orderIDBudget = max(1, options.orderIDBudget / max(1, options.jobs))  // the threads share the budget
        try PartScheduler.run(plan: partPlan, descriptor: descriptor, starts: starts, size: size, jobs: options.jobs,
                              into: &merge, progress: progress)
    }

    /// The dialect, the header names, where the data starts and how many lines the header took.
    private static func readHead(_ descriptor: Int32, path: String, size: Int, options: ETLOptions)
        throws(ETLError) -> (dialect: CSVDialect, names: [String], dataStart: Int, lineBreaks: Int) {
        var length = 64 << 10
        while true {
            let wanted = min(length, size)
            var sample = [UInt8](repeating: 0, count: wanted)
            let got = sample.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, wanted, 0) }
            guard got >= 0 else { throw .unreadable(path: path, reason: String(cString: strerror(errno))) }
            let result = sample.withUnsafeBufferPointer { buffer -> (CSVDialect, [String], Int, Int)? in
                let bytes = UnsafeBufferPointer(rebasing: buffer[0..<got])
                let dialect = CSVDialect.detect(bytes, forced: options.delimiter)
                // Leading blank lines before the header are skipped, as pandas does.
                var start = dialect.bomLength
                while start < bytes.count, bytes[start] == UInt8(ascii: "\n") || bytes[start] == UInt8(ascii: "\r") { start += 1 }
                guard let header = CSVHeader.parse(bytes, from: start, delimiter: dialect.delimiter, isWholeFile: got >= size)
                else { return nil }
                let skippedLines = bytes[dialect.bomLength..<start].filter { $0 == UInt8(ascii: "\n") }.count
                return (dialect, header.names, header.end, header.lineBreaks + skippedLines)
            }
            if let (dialect, names, end, lineBreaks) = result {
                guard names.contains(where: { !$0.isEmpty }) else { throw .emptyFile(path: path) }
                return (dialect, names, end, lineBreaks)
            }
            guard length < ChunkScanner.maxRecordBytes else {
                throw .recordTooLong(path: path, line: 1, limitBytes: ChunkScanner.maxRecordBytes)
            }
            length *= 4
        }
    }
}
