import Foundation

/// Which columns of the file hold the date, the amount (or quantity and unit price) and the
/// order id.
public struct ColumnLayout: Sendable, Equatable {
    /// Where a row's amount comes from.
    public enum Amount: Sendable, Equatable {
        case column(Int)
        /// quantity × unit price.
        case product(quantity: Int, price: Int)
    }

    /// The header names as written (unquoted).
    public var names: [String]
    /// nil: no date column, rows are spread over artificial days (SPEC.md).
    public var date: Int?
    public var amount: Amount
    /// nil: `nb_commandes` counts rows.
    public var order: Int?
}

/// Finds the columns the ETL needs, by option or by name (SPEC.md: case, accents, spaces, `_`
/// and `-` ignored).
///
/// Names are matched exactly against known lists, never by substring: the original project's
/// input has a `CC Exp Date` column that is a card expiry, not a sale date.
public enum ColumnResolver {
    /// Normalized names, in order of preference.
    static let dateNames = [
        "date", "datetime", "timestamp", "orderdate", "orderdatetime", "invoicedate", "purchasedate",
        "transactiondate", "saledate", "createdat", "datecommande", "datedecommande", "dateheure", "datevente",
        "datetransaction", "horodatage", "jour", "day",
    ]
    static let amountNames = [
        "amount", "montant", "total", "totalamount", "totalprice", "linetotal", "lineamount", "montantttc",
        "montanttotal", "totalttc", "revenue", "sales", "saleamount", "ordertotal", "ca", "chiffredaffaires",
        "purchaseprice", "purchaseamount",
    ]
    /// Read as the amount only when there is no quantity column; with one, they are the unit price.
    static let priceNames = ["price", "prix", "unitprice", "prixunitaire", "priceeach", "unitcost", "pu"]
    static let quantityNames = ["quantity", "qty", "quantite", "qte", "units", "nbarticles", "quantityordered"]
    static let orderNames = [
        "orderid", "order", "ordernumber", "orderno", "commande", "idcommande", "commandeid", "numcommande",
        "numerocommande", "nocommande", "ncommande", "refcommande", "invoice", "invoiceno", "invoiceid", "invoicenumber",
        "transactionid",
    ]

    /// Column names given on the command line (nil: detect).
    public struct Choices: Sendable, Equatable {
        public var date: String?
        public var amount: String?
        public var quantity: String?
        public var price: String?
        public var order: String?

        /// Names as given on the command line; nil ones are found by name.
        public init(date: String? = nil, amount: String? = nil, quantity: String? = nil, price: String? = nil, order: String? = nil) {
            self.date = date
            self.amount = amount
            self.quantity = quantity
            self.price = price
            self.order = order
        }
    }

    /// `name` lower-cased, without accents, keeping letters and digits only.
    public static func normalize(_ name: String) -> String {
        let folded = name.folding(options: [.diacriticInsensitive, .caseInsensitive, .widthInsensitive], locale: nil)
        return String(folded.lowercased().unicodeScalars.filter { CharacterSet.alphanumerics.contains($0) }.map(Character.init))
    }

    /// Resolves the layout of a file whose header is `names`.
    public static func resolve(_ names: [String], choices: Choices, path: String) throws(ETLError) -> ColumnLayout {
        let normalized = names.map(normalize)
        func named(_ option: String, _ name: String?) throws(ETLError) -> Int? {
            guard let name else { return nil }
            if let index = names.firstIndex(of: name) { return index }
            if let index = normalized.firstIndex(of: normalize(name)) { return index }
            throw .unknownColumn(option: option, name: name, found: names)
        }
        func detect(_ candidates: [String]) -> Int? {
            for candidate in candidates {
                if let index = normalized.firstIndex(of: candidate) { return index }
            }
            return nil
        }
        let date = try named("date-column", choices.date) ?? detect(dateNames)
        let order = try named("order-column", choices.order) ?? detect(orderNames)
        let amount: ColumnLayout.Amount
        if let column = try named("amount-column", choices.amount) {
            amount = .column(column)
        } else if choices.quantity != nil || choices.price != nil {
            guard let quantityName = choices.quantity else { throw .incompleteProduct(given: "price-column", missing: "quantity-column") }
            guard let priceName = choices.price else { throw .incompleteProduct(given: "quantity-column", missing: "price-column") }
            amount = .product(quantity: try named("quantity-column", quantityName)!, price: try named("price-column", priceName)!)
        } else if let column = detect(amountNames) {
            amount = .column(column)
        } else if let quantity = detect(quantityNames), let price = detect(priceNames) {
            amount = .product(quantity: quantity, price: price)
        } else if let column = detect(priceNames) {
            amount = .column(column)
        } else {
            throw .noAmountColumn(path: path, found: names)
        }
        return ColumnLayout(names: names, date: date, amount: amount, order: order)
    }
}
