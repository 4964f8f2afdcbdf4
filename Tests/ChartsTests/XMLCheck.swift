import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Parses text as XML with Foundation's parser; collects element names and text so tests can
/// assert on what a reader of the file would see.
final class XMLCheck: NSObject, XMLParserDelegate {
    private(set) var elements: [String] = []
    private(set) var attributes: [[String: String]] = []
    private(set) var text = ""

    /// Nil when the text is not well-formed XML.
    static func parse(_ xml: String) -> XMLCheck? {
        let check = XMLCheck()
        let parser = XMLParser(data: Data(xml.utf8))
        parser.delegate = check
        return parser.parse() ? check : nil
    }

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
        elements.append(elementName)
        attributes.append(attributeDict)
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        text += string
    }
}
