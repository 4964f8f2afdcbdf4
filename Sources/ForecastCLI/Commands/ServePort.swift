import Foundation

/// `--port`, else the `PORT` environment variable (as platforms that assign ports set it), else 8000.
enum ServePort {
    static let defaultPort = 8000

    static func resolve(_ options: ParsedOptions) throws -> Int {
        if let port = try options.int("port", in: 0...65535) { return port }
        guard let text = ProcessInfo.processInfo.environment["PORT"], !text.isEmpty else { return defaultPort }
        guard let port = Int(text), (0...65535).contains(port) else {
            throw CLIError.usage("PORT='\(text)' is not a port; set it to 0...65535 or pass --port")
        }
        return port
    }
}
