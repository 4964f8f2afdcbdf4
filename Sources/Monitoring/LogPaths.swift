#if canImport(Glibc)
import Glibc
#endif

/// Turns `--log` values into files: a value with `*`, `?` or `[` is a shell-style pattern
/// (one log per server replica, e.g. `data/predictions_log-*.csv`), expanded with glob(3) and
/// sorted; any other value is a path as given.
///
/// A file named twice (by two patterns, a pattern and a path, or `logs/a.csv` and
/// `./logs/a.csv`) is read once: paths are compared after `realpath(3)`, so no prediction is
/// counted twice (issue 12: replica logs are counted all, once each).
public enum LogPaths {
    public static func expand(_ values: [String]) throws(MonitoringError) -> [String] {
        var paths: [String] = []
        for value in values {
            guard value.contains(where: { $0 == "*" || $0 == "?" || $0 == "[" }) else {
                paths.append(value)
                continue
            }
            var result = glob_t()
            defer { globfree(&result) }
            let status = glob(value, 0, nil, &result)
            guard status == 0 else { throw MonitoringError.noLogMatches(pattern: value) }
            var matches: [String] = []
            for index in 0..<Int(result.gl_pathc) {
                if let pointer = result.gl_pathv[index] { matches.append(String(cString: pointer)) }
            }
            paths += matches.sorted()
        }
        var seen = Set<String>()
        return paths.filter { seen.insert(identity($0)).inserted }
    }

    /// The file's canonical path (symbolic links, `.` and `..` resolved), or the path as given
    /// when it does not exist yet (reading it then fails with a clear message).
    static func identity(_ path: String) -> String {
        guard let resolved = realpath(path, nil) else { return path }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
