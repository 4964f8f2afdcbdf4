import Foundation
import Testing
@testable import ForecastService

/// `/openapi.json` is valid OpenAPI 3 JSON describing every routed operation.
struct OpenAPIDocumentTests {
    @Test func documentParsesAndDescribesEveryRoute() throws {
        let harness = try ServiceHarness()
        let response = harness.send("GET", "/openapi.json")
        #expect(response.status == 200)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any])
        #expect((document["openapi"] as? String)?.hasPrefix("3.") == true)
        let paths = try #require(document["paths"] as? [String: [String: Any]])
        for operation in APIDescription.forecast(version: "t").operations {
            #expect(paths[operation.path]?[operation.method.lowercased()] != nil, "\(operation.method) \(operation.path)")
            // Every described operation is routed (not 404/405).
            let routed = harness.send(operation.method, operation.path, json: operation.requestExample)
            #expect(routed.status != 404 && routed.status != 405, "\(operation.method) \(operation.path)")
        }
    }

    @Test func postOperationsCarryTheirSchemaAndErrorResponses() throws {
        let text = OpenAPIDocument.render(.forecast(version: "t"))
        let document = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let predict = try #require((document["paths"] as? [String: Any])?["/predict"] as? [String: Any])
        let post = try #require(predict["post"] as? [String: Any])
        let body = try #require(post["requestBody"] as? [String: Any])
        let schema = try #require(((body["content"] as? [String: Any])?["application/json"] as? [String: Any])?["schema"] as? [String: Any])
        #expect(schema["required"] as? [String] == ["ca_total", "nb_commandes"])
        let responses = try #require(post["responses"] as? [String: Any])
        #expect(Set(responses.keys).isSuperset(of: ["200", "400", "411", "413", "415", "422", "503"]))
    }

    @Test func withATokenTheGuardedRoutesDeclareBearerAuthAnd401_WithoutOneNothingDoes() throws {
        let guarded = try Self.parse(OpenAPIDocument.render(.forecast(version: "t", tokenRequired: true)))
        let schemes = try #require((guarded["components"] as? [String: Any])?["securitySchemes"] as? [String: Any])
        let bearer = try #require(schemes["bearerAuth"] as? [String: Any])
        #expect(bearer["type"] as? String == "http" && bearer["scheme"] as? String == "bearer")
        let paths = try #require(guarded["paths"] as? [String: [String: [String: Any]]])
        let protected = [("/predict", "post"), ("/predict-with-alert", "post"), ("/predict/batch", "post"), ("/metrics", "get")]
        for (path, method) in protected {
            let operation = try #require(paths[path]?[method], "\(method) \(path)")
            #expect(operation["security"] as? [[String: [String]]] == [["bearerAuth": []]], "\(path)")
            let refusal = try #require((operation["responses"] as? [String: Any])?["401"] as? [String: Any], "\(path)")
            #expect((refusal["headers"] as? [String: Any])?["WWW-Authenticate"] != nil, "\(path)")
            let schema = ((refusal["content"] as? [String: Any])?["application/json"] as? [String: Any])?["schema"] as? [String: String]
            #expect(schema == ["$ref": "#/components/schemas/Error"], "\(path)")
        }
        for path in ["/health", "/model/info", "/", "/openapi.json", "/docs"] {
            let operation = try #require(paths[path]?["get"], "\(path)")
            #expect(operation["security"] == nil && (operation["responses"] as? [String: Any])?["401"] == nil, "\(path)")
        }
        let open = try Self.parse(OpenAPIDocument.render(.forecast(version: "t")))
        #expect((open["components"] as? [String: Any])?["securitySchemes"] == nil)
        let openPredict = try #require((open["paths"] as? [String: [String: [String: Any]]])?["/predict"]?["post"])
        #expect(openPredict["security"] == nil && (openPredict["responses"] as? [String: Any])?["401"] == nil)
    }

    private static func parse(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }
}
