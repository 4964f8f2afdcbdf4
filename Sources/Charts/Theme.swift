/// Colours, fonts and sizes shared by every chart.
public enum Theme {
    /// Okabe & Ito (2008), "Color Universal Design": distinguishable with every common form of
    /// colour blindness. Ordered for series: blue, orange, bluish green, vermillion, reddish
    /// purple, sky blue, yellow (last: weak contrast on white).
    public static let palette = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442"]

    /// The colour of series `index`, cycling through the palette.
    public static func color(_ index: Int) -> String {
        palette[index % palette.count]
    }

    static let fontFamily = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"
    static let text = "#222222"
    static let mutedText = "#555555"
    static let grid = "#e3e3e3"
    static let axis = "#888888"
    static let titleSize = 17.0
    static let labelSize = 13.0
    static let tickSize = 12.0
}
