import ForecastService
import HTTPCore

/// `forecast serve`: Serve predictions over HTTP and log each one.
enum ServeCommand: Command {
    static let configuration = CommandConfiguration(
        name: "serve",
        abstract: "Serve predictions over HTTP and log each one.",
        discussion: """
            Prints 'listening on http://HOST:PORT' on stdout once connections are accepted, then one
            access line per request on stderr (method, path, status, microseconds).
            Forecasts are computed from the daily history in --features (re-read when it changes, e.g.
            after a nightly 'forecast etl'): a request without a date describes the day after its last day.
            SIGHUP reloads the model and the history; both are also polled every second.
            SIGINT/SIGTERM stop accepting, finish requests in flight, sync the log and exit 0.
            Routes: POST /predict, /predict-with-alert, /predict/batch; GET /health, /, /model/info,
            /openapi.json, /docs, /metrics. See README.md, "Serving predictions".
            """,
        options: [
            OptionSpec("host", value: "HOST", help: "Numeric address to bind (0.0.0.0 for all interfaces).", default: "127.0.0.1"),
            OptionSpec("port", value: "PORT", help: "Port to bind; 0 takes a free port.", default: "$PORT, else 8000"),
            OptionSpec("log", value: "PATH", help: "Prediction log.", default: "data/predictions_log.csv"),
            OptionSpec("explanations-log", value: "PATH", help: "One line per feature of each forecast asked with \"explain\": true.",
                       default: "data/explanations_log.csv"),
            OptionSpec("features", value: "PATH", help: "Daily history the forecasts are computed from.", default: "data/processed/features_daily.csv"),
            OptionSpec(
                "log-fsync", value: "MODE",
                help: "always: sync each line (survives power loss, slow); batch: sync about once a second; never: leave it to the kernel. A crash of the server loses no line in any mode.",
                default: "batch"
            ),
            OptionSpec("threads", value: "N", help: "Event loops, one thread each.", default: "number of cores"),
            OptionSpec("max-connections", value: "N", help: "Open connections; at the cap the longest-waiting idle or slow one is closed for a newcomer.",
                       default: "1024", group: "Limits"),
            OptionSpec("request-timeout", value: "SECONDS", help: "Time a client has to send a whole request, else 408 (stops slowloris).",
                       default: "10", group: "Limits"),
            OptionSpec("idle-timeout", value: "SECONDS", help: "Time a keep-alive connection may idle between requests.",
                       default: "30", group: "Limits"),
            OptionSpec("write-timeout", value: "SECONDS", help: "Time a client may leave a response unread before it is dropped.",
                       default: "10", group: "Limits"),
            OptionSpec("max-body-bytes", value: "N", help: "Largest request body, else 413.", default: "1048576", group: "Limits"),
            OptionSpec("models-dir", value: "DIR", help: "Model registry.", default: "models"),
            OptionSpec(
                "token-file", value: "PATH",
                help: "File holding an API token: the predict routes and /metrics then need 'Authorization: Bearer TOKEN' (/health stays open).",
                default: "$FORECAST_API_TOKEN, else none"
            ),
            OptionSpec.flag("quiet", help: "No access lines on stderr."),
        ]
    )

    static func run(_ options: ParsedOptions, console: Console) throws -> ExitCode {
        let host = options.string("host") ?? "127.0.0.1"
        let port = try ServePort.resolve(options)
        let threads = try options.int("threads", in: 1...256)
        let fsync = LogFsyncPolicy(rawValue: try options.choice("log-fsync", from: LogFsyncPolicy.allCases.map(\.rawValue)) ?? "batch") ?? .batch
        let modelsDirectory = options.string("models-dir") ?? "models"
        var limits = ServerLimits()
        if let value = try options.int("max-connections", in: 1...1_000_000) { limits.maxConnections = value }
        if let value = try options.double("request-timeout", in: 0.1...3600) { limits.requestTimeout = value }
        if let value = try options.double("idle-timeout", in: 0.1...86400) { limits.idleTimeout = value }
        if let value = try options.double("write-timeout", in: 0.1...3600) { limits.writeTimeout = value }
        if let value = try options.int("max-body-bytes", in: 1...(1 << 30)) { limits.maxBodyBytes = value }
        var server = ServerConfiguration(host: host, port: port, eventLoops: threads, limits: limits)
        server.accessLog = !options.flag("quiet")
        var serviceOptions = ForecastService.Options(
            server: server, logPath: options.string("log") ?? "data/predictions_log.csv",
            explanationsLogPath: options.string("explanations-log") ?? "data/explanations_log.csv",
            featuresPath: options.string("features") ?? "data/processed/features_daily.csv", fsync: fsync,
            serviceVersion: ForecastCLI.version
        )
        serviceOptions.apiToken = try ServeToken.resolve(options)
        if let warning = ServeToken.exposureWarning(host: host, token: serviceOptions.apiToken) { console.err(warning) }

        // Signals are taken synchronously by this thread (sigwait); block them before any
        // server thread exists so every thread inherits the mask.
        let signals = ServeSignals()
        ServeDescriptorLimit.raise()
        let source = try ServeModelSource.prepare(
            modelsDirectory: modelsDirectory, featuresPath: serviceOptions.featuresPath, console: console
        )
        // From here on stderr is written only through this queue (as the access lines are): a
        // parent that never reads our stderr must not hold a reload or the shutdown.
        let messages = serviceOptions.stderrWriter
        let service = try ForecastService(options: serviceOptions, source: source) { event in
            messages.submit(line: ServeEvents.describe(event))
        }
        let bound = try service.start()
        // The start-up messages (model and history loaded) come before the listening line, as
        // when they were written directly; a second at most if stderr is not being read.
        messages.drain(timeout: 1)
        console.out("listening on http://\(host.contains(":") ? "[\(host)]" : host):\(bound)")
        while true {
            let signal = signals.wait()
            if signal == .reload {
                messages.submit(line: "SIGHUP: reloading the model and the daily history")
                service.reload()
                continue
            }
            break
        }
        messages.submit(line: "shutting down: no new connections, finishing requests in flight")
        service.shutdown()
        messages.submit(line: "stopped; logs synced")
        // What is queued is written out, unless stderr is not being read: then a second at most.
        messages.drain(timeout: 1)
        return .success
    }
}
