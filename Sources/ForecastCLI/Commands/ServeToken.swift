import Foundation
import HTTPCore

/// The API token of `serve`: `--token-file PATH`, else the `FORECAST_API_TOKEN` environment
/// variable, else none; and the warning for a server exposed beyond this machine without one.
///
/// A file rather than an option value, so the token never shows in `ps` or shell history.
/// Errors name the file or the variable, never the token.
enum ServeToken {
    static let environmentVariable = "FORECAST_API_TOKEN"

    static func resolve(_ options: ParsedOptions, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> BearerToken? {
        if let path = options.string("token-file") {
            guard let data = FileManager.default.contents(atPath: path) else {
                throw CLIError.usage("cannot read the token file '\(path)'; check the path and its permissions")
            }
            return try parse(String(decoding: data, as: UTF8.self), source: "the token file '\(path)'")
        }
        guard let text = environment[environmentVariable], !text.isEmpty else { return nil }
        return try parse(text, source: environmentVariable)
    }

    /// The warning `serve` prints when it listens beyond loopback with no token; nil otherwise.
    static func exposureWarning(host: String, token: BearerToken?) -> String? {
        guard token == nil, !isLoopback(host) else { return nil }
        return "warning: listening on \(host) without an API token: anyone who can reach this port can predict "
            + "and fill the log; pass --token-file PATH or set \(environmentVariable)"
    }

    private static func parse(_ text: String, source: String) throws -> BearerToken {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let token = BearerToken(trimmed) else {
            throw CLIError.usage("\(source) must hold one token of printable ASCII without spaces (e.g. from 'openssl rand -hex 32')")
        }
        return token
    }

    private static func isLoopback(_ host: String) -> Bool {
        host == "::1" || host == "localhost" || host.hasPrefix("127.")
    }
}
