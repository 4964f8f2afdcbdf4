#if canImport(Glibc)
import Glibc
#endif

/// Turns `--log` values into files: a value with `*`, `?` or `[` is a shell-style pattern
/// (one log per server replica, e.g. `data/predictions_log*.csv`), expanded with glob(3) and
/// sorted; any other value is a path as given. Duplicates are read once.
enum PlotLogPaths {
    static func expand(_ values: [String]) throws -> [String] {
        var paths: [String] = []
        for value in values {
            guard value.contains(where: { $0 == "*" || $0 == "?" || $0 == "[" }) else {
                paths.append(value)
                continue
            }
            var result = glob_t()
            defer { globfree(&result) }
            let status = glob(value, 0, nil, &result)
            guard status == 0 else {
                throw CLIError.failure("no log file matches '\(value)'; check the pattern or pass --log PATH")
            }
            var matches: [String] = []
            for index in 0..<Int(result.gl_pathc) {
                if let pointer = result.gl_pathv[index] { matches.append(String(cString: pointer)) }
            }
            paths += matches.sorted()
        }
        var seen = Set<String>()
        return paths.filter { seen.insert($0).inserted }
    }
}
