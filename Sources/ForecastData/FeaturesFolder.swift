import Foundation

/// Reads the daily features table that Spark (`scripts/spark/daily_features.py`) wrote as a
/// folder, as it is: `part-*.csv` files, each with or without the header line, rows in any
/// order across (and within) parts; `_SUCCESS`, `.crc` and other hidden or `_`-prefixed
/// bookkeeping files are ignored.
///
/// The rows are sorted by date, then checked as a features file is: no day twice, no gap.
/// Any other file in the folder (a compressed `part-*.csv.gz`, a stray export) is refused
/// rather than skipped, so a table is never silently read in part.
public enum FeaturesFolder {
    /// Whether `path` names a folder (following a symbolic link).
    public static func isFolder(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    /// Reads every part file of `directory` and returns the table in date order.
    public static func read(from directory: String) throws -> [DailyRecord] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory)
        } catch {
            throw FileError.cannotRead(path: directory, reason: "the folder cannot be listed; check its permissions")
        }
        var parts: [(path: String, text: String)] = []
        for name in try partNames(names, directory: directory) {
            let path = (directory as NSString).appendingPathComponent(name)
            guard let data = FileManager.default.contents(atPath: path) else {
                throw FileError.cannotRead(path: path, reason: "the part file cannot be read; check its permissions")
            }
            guard let text = String(data: data, encoding: .utf8) else {
                throw FeaturesFileError(path: path, line: 0, problem: "not UTF-8 text")
            }
            parts.append((path, text))
        }
        return try assemble(parts, directory: directory)
    }

    /// The part files among `names`, sorted; throws on a file that is neither a part nor bookkeeping.
    static func partNames(_ names: [String], directory: String) throws(FeaturesFileError) -> [String] {
        var parts: [String] = []
        for name in names.sorted() {
            if name.hasPrefix("_") || name.hasPrefix(".") || name.hasSuffix(".crc") { continue }
            guard name.hasPrefix("part-"), name.hasSuffix(".csv") else {
                throw FeaturesFileError(
                    path: directory, line: 0,
                    problem: "'\(name)' is not a part-*.csv file (write the table uncompressed as CSV, and keep only its parts in the folder)"
                )
            }
            parts.append(name)
        }
        guard !parts.isEmpty else {
            throw FeaturesFileError(path: directory, line: 0, problem: "the folder holds no part-*.csv file")
        }
        return parts
    }

    /// Parses each part (header optional), sorts the rows by date and checks the days follow on.
    static func assemble(_ parts: [(path: String, text: String)], directory: String) throws(FeaturesFileError) -> [DailyRecord] {
        var rows: [(record: DailyRecord, path: String, line: Int)] = []
        for part in parts {
            for (index, line) in FeaturesFile.lines(of: part.text).enumerated() {
                let bare = index == 0 && line.hasPrefix("\u{FEFF}") ? line.dropFirst() : line
                if index == 0 && bare == FeaturesFile.header { continue }
                if bare.isEmpty { continue }
                rows.append((try FeaturesFile.parseRow(bare, path: part.path, line: index + 1), part.path, index + 1))
            }
        }
        guard !rows.isEmpty else {
            throw FeaturesFileError(path: directory, line: 0, problem: "the part files hold no rows")
        }
        rows.sort { $0.record.day < $1.record.day }
        for (previous, next) in zip(rows, rows.dropFirst()) where next.record.day.ordinal != previous.record.day.ordinal + 1 {
            let problem = next.record.day == previous.record.day
                ? "\(next.record.day) appears twice (also \(previous.path) line \(previous.line))"
                : "no row for the days between \(previous.record.day) and \(next.record.day): days must be consecutive"
            throw FeaturesFileError(path: next.path, line: next.line, problem: problem)
        }
        return rows.map(\.record)
    }
}
