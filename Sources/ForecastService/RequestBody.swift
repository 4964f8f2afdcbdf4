import HTTPCore

/// Reads a request body as JSON: Content-Type first (415), then syntax (400).
enum RequestBody {
    /// The parsed body. A missing Content-Type is accepted as JSON (curl `--data` without `-H`
    /// is the common mistake, and the body still has to parse); any other type must be
    /// `application/json` or a `+json` type (RFC 6839), parameters such as `charset` ignored.
    static func json(_ request: HTTPRequest) throws(HTTPError) -> JSONValue {
        if let type = request.headers.contentType, type != "application/json" {
            let mediaType = type.split(separator: ";", maxSplits: 1, omittingEmptySubsequences: false)[0]
                .trimmingCharacters(in: " \t").lowercased()
            guard mediaType == "application/json" || (mediaType.hasPrefix("application/") && mediaType.hasSuffix("+json")) else {
                throw .unsupportedMediaType(type)
            }
        }
        do {
            return try JSONParser.parse(request.body)
        } catch {
            throw .malformedJSON(error.reason)
        }
    }
}

extension Substring {
    /// Drops the given ASCII characters from both ends.
    func trimmingCharacters(in set: String) -> Substring {
        var result = self
        while let first = result.first, set.contains(first) { result = result.dropFirst() }
        while let last = result.last, set.contains(last) { result = result.dropLast() }
        return result
    }
}
