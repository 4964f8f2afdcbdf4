import HTTPCore

/// Renders an `APIDescription` as an OpenAPI 3.0.3 document (JSON text), once at start-up.
///
/// Request schemas and examples are JSON text in the description and are embedded as is;
/// every error response refers to the shared `Error` schema (`{"error": {"code", "message"}}`).
/// Operations that need the token name the `bearerAuth` scheme (RFC 6750) and their 401 declares
/// the `WWW-Authenticate` header the server sends with it.
enum OpenAPIDocument {
    static func render(_ api: APIDescription) -> String {
        var paths: [String] = []
        var seen: [String] = []
        for operation in api.operations where !seen.contains(operation.path) {
            seen.append(operation.path)
            let methods = api.operations.filter { $0.path == operation.path }.map(renderOperation)
            paths.append(JSONText.quoted(operation.path) + ":{" + methods.joined(separator: ",") + "}")
        }
        return "{\"openapi\":\"3.0.3\",\"info\":{\"title\":" + JSONText.quoted(api.title) + ",\"version\":"
            + JSONText.quoted(api.version) + ",\"description\":"
            + JSONText.quoted("Next-day revenue forecasts from a random forest. Every successful prediction is appended to the prediction log before the response is sent.")
            + "},\"paths\":{" + paths.joined(separator: ",") + "},\"components\":{\"schemas\":{\"Error\":"
            + errorSchema + "}" + (api.operations.contains { $0.needsToken } ? ",\"securitySchemes\":" + securitySchemes : "")
            + "}}"
    }

    private static let securitySchemes = """
        {"bearerAuth":{"type":"http","scheme":"bearer","description":"The server's API token \
        (serve --token-file or FORECAST_API_TOKEN), sent as 'Authorization: Bearer <token>'"}}
        """

    /// The header a 401 carries (RFC 9110 §11.6.1), as HTTPError.unauthorized sends it.
    private static let challengeHeader = """
        "headers":{"WWW-Authenticate":{"description":"The bearer challenge",\
        "schema":{"type":"string","example":"Bearer realm=\\"forecast\\""}}},
        """

    private static let errorSchema = """
        {"type":"object","required":["error"],"properties":{"error":{"type":"object","required":["code","message"],\
        "properties":{"code":{"type":"string"},"message":{"type":"string"}}}}}
        """

    private static func renderOperation(_ operation: APIDescription.Operation) -> String {
        var fields = [
            "\"summary\":" + JSONText.quoted(operation.summary),
            "\"description\":" + JSONText.quoted(operation.description),
            "\"operationId\":" + JSONText.quoted(operationID(operation)),
        ]
        if let schema = operation.requestSchema {
            var content = "\"schema\":" + schema
            if let example = operation.requestExample { content += ",\"example\":" + example }
            fields.append("\"requestBody\":{\"required\":true,\"content\":{\"application/json\":{" + content + "}}}")
        }
        let responses = operation.responses.map { status, description -> String in
            let schema = status >= 400 ? "{\"$ref\":\"#/components/schemas/Error\"}"
                : (operation.responseType == "application/json" ? "{\"type\":\"object\"}" : "{\"type\":\"string\"}")
            let type = status >= 400 ? "application/json" : operation.responseType
            return "\"\(status)\":{\"description\":" + JSONText.quoted(description) + ","
                + (status == 401 ? challengeHeader : "") + "\"content\":{" + JSONText.quoted(type) + ":{\"schema\":" + schema + "}}}"
        }
        fields.append("\"responses\":{" + responses.joined(separator: ",") + "}")
        if operation.needsToken { fields.append("\"security\":[{\"bearerAuth\":[]}]") }
        return JSONText.quoted(operation.method.lowercased()) + ":{" + fields.joined(separator: ",") + "}"
    }

    /// `post_predict_batch` from `POST /predict/batch`.
    private static func operationID(_ operation: APIDescription.Operation) -> String {
        let path = operation.path.map { $0.isLetter || $0.isNumber ? String($0) : "_" }.joined()
        return operation.method.lowercased() + (path == "_" ? "_index" : path)
    }
}
