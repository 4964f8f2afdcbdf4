import Testing
@testable import ForecastData

@Suite struct ColumnResolverTests {
    private func resolve(_ names: [String], _ choices: ColumnResolver.Choices = .init()) throws -> ColumnLayout {
        try ColumnResolver.resolve(names, choices: choices, path: "in.csv")
    }

    @Test func normalize_IgnoresCaseAccentsSpacesUnderscoresAndDashes() {
        #expect(ColumnResolver.normalize("Montant TTC") == "montantttc")
        #expect(ColumnResolver.normalize("Date_de-Commande") == "datedecommande")
        #expect(ColumnResolver.normalize("Quantité") == "quantite")
        #expect(ColumnResolver.normalize("  Order ID ") == "orderid")
    }

    @Test func generatedHeader_FindsTimestampAmountAndOrder() throws {
        let layout = try resolve(["order_id", "timestamp", "customer_id", "category", "quantity", "unit_price", "amount"])
        #expect(layout.date == 1)
        #expect(layout.amount == .column(6))
        #expect(layout.order == 0)
    }

    @Test func originalProjectHeader_HasNoDateAndPurchasePriceAsAmount() throws {
        // The Kaggle "Ecommerce Purchases" export the original pipeline read: `CC Exp Date` is a
        // card expiry, not a sale date, and must not be taken for one.
        let names = ["Address", "Lot", "AM or PM", "Browser Info", "Company", "Credit Card", "CC Exp Date",
                     "CC Security Code", "CC Provider", "Email", "Job", "IP Address", "Language", "Purchase Price"]
        let layout = try resolve(names)
        #expect(layout.date == nil)
        #expect(layout.amount == .column(13))
        #expect(layout.order == nil)
    }

    @Test func quantityAndPrice_MakeTheAmountWhenNoAmountColumn() throws {
        let layout = try resolve(["Date", "Qté", "Prix unitaire", "N° commande"])
        #expect(layout.amount == .product(quantity: 1, price: 2))
        #expect(layout.date == 0)
        let alone = try resolve(["date", "price"])
        #expect(alone.amount == .column(1))
    }

    @Test func options_WinAndMatchExactOrNormalizedNames() throws {
        let layout = try resolve(["when", "Valeur €", "ref"], .init(date: "when", amount: "valeur €", order: "REF"))
        #expect(layout.date == 0)
        #expect(layout.amount == .column(1))
        #expect(layout.order == 2)
        let product = try resolve(["d", "q", "p"], .init(quantity: "q", price: "p"))
        #expect(product.amount == .product(quantity: 1, price: 2))
    }

    @Test func missingAmount_ListsColumnsAndOptions() {
        #expect(throws: ETLError.noAmountColumn(path: "in.csv", found: ["date", "client"])) {
            try resolve(["date", "client"])
        }
        let message = ETLError.noAmountColumn(path: "in.csv", found: ["date", "client"]).description
        #expect(message.contains("'date', 'client'"))
        #expect(message.contains("--amount-column"))
        #expect(message.contains("--quantity-column"))
    }

    @Test func unknownOptionColumn_AndHalfAProduct_AreErrors() {
        #expect(throws: ETLError.unknownColumn(option: "date-column", name: "jour", found: ["date", "amount"])) {
            try resolve(["date", "amount"], .init(date: "jour"))
        }
        #expect(throws: ETLError.incompleteProduct(given: "quantity-column", missing: "price-column")) {
            try resolve(["date", "q"], .init(quantity: "q"))
        }
    }
}
