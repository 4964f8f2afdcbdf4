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
}
