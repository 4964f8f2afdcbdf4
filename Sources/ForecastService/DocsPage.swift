/// Renders an `APIDescription` as a self-contained HTML page (no external scripts, styles or
/// fonts) with a form that calls `POST /predict` from the browser.
///
/// All text goes through `escape`, the one place HTML is escaped.
enum DocsPage {
    static func render(_ api: APIDescription) -> String {
        var html = """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(escape(api.title)) API</title>
            <style>
            body{font:15px/1.5 system-ui,sans-serif;max-width:56rem;margin:2rem auto;padding:0 1rem;color:#222}
            h1{margin-bottom:.2rem}code,pre{font:13px ui-monospace,monospace;background:#f4f4f4;border-radius:4px}
            pre{padding:.6rem;white-space:pre-wrap;word-break:break-all}section{border-top:1px solid #ddd;padding:.6rem 0}
            .m{display:inline-block;min-width:3.5rem;text-align:center;font-weight:600;color:#fff;border-radius:4px;padding:0 .4rem;margin-right:.5rem}
            .GET{background:#2f7d32}.POST{background:#1f5fa8}table{border-collapse:collapse}td{padding:.1rem .8rem .1rem 0;vertical-align:top}
            form{background:#f7f9fc;border:1px solid #dde3ee;border-radius:6px;padding:1rem}label{margin-right:1rem}
            input{width:9rem}#out{white-space:pre-wrap}
            </style></head><body>
            <h1>\(escape(api.title))</h1><p>API version \(escape(api.version)) ·
            <a href="/openapi.json">OpenAPI document</a> · errors are <code>{"error": {"code", "message"}}</code></p>
            <h2>Try it</h2>
            <form id="try"><label>ca_total <input id="ca" type="number" step="any" min="0" value="15000" required></label>
            <label>nb_commandes <input id="nb" type="number" step="1" min="0" value="320" required></label>
            <button type="submit">POST /predict</button><pre id="out">(the response appears here)</pre></form>
            <h2>Routes</h2>

            """
        for operation in api.operations {
            html += "<section><h3><span class=\"m \(escape(operation.method))\">\(escape(operation.method))</span>"
            html += "<code>\(escape(operation.path))</code> — \(escape(operation.summary))</h3>"
            html += "<p>\(escape(operation.description))</p>"
            if let example = operation.requestExample {
                html += "<p>Example:</p><pre>curl -H 'Content-Type: application/json' -d '\(escape(example))' http://HOST:PORT\(escape(operation.path))</pre>"
            }
            html += "<table>"
            for (status, description) in operation.responses {
                html += "<tr><td><code>\(status)</code></td><td>\(escape(description))</td></tr>"
            }
            html += "</table></section>\n"
        }
        html += """
            <script>
            document.getElementById('try').addEventListener('submit', async (event) => {
              event.preventDefault();
              const out = document.getElementById('out');
              const body = JSON.stringify({ca_total: Number(document.getElementById('ca').value),
                                           nb_commandes: Number(document.getElementById('nb').value)});
              try {
                const response = await fetch('/predict', {method: 'POST', headers: {'Content-Type': 'application/json'}, body});
                out.textContent = response.status + '\\n' + JSON.stringify(await response.json(), null, 2);
              } catch (error) { out.textContent = String(error); }
            });
            </script></body></html>

            """
        return html
    }

    /// Escapes `& < > " '` for text and attribute values.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }
}
