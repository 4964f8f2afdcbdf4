import Testing
@testable import ForecastCLI

@Suite struct SuggestionTests {
    @Test func editDistance_MatchesHandCountedEdits() {
        #expect(Suggestion.editDistance("kitten", "sitting") == 3)
        #expect(Suggestion.editDistance("", "abc") == 3)
        #expect(Suggestion.editDistance("train", "train") == 0)
        #expect(Suggestion.editDistance("trian", "train") == 2)
    }

    @Test func closest_FindsTyposAndPrefixes_ButNotUnrelatedWords() {
        let commands = ["generate", "etl", "train", "predict", "models", "serve", "plot", "drift"]
        #expect(Suggestion.closest(to: "trian", in: commands) == "train")
        #expect(Suggestion.closest(to: "gen", in: commands) == "generate")
        #expect(Suggestion.closest(to: "servr", in: commands) == "serve")
        #expect(Suggestion.closest(to: "kubernetes", in: commands) == nil)
    }
}
