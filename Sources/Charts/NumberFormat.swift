import Foundation

/// Number to text for SVG coordinates and axis labels, without locale surprises.
public enum NumberFormat {
    /// A coordinate rounded to 0.1 user units (finer is invisible and only grows the file).
    /// Non-finite input gives "0": a NaN must never reach an SVG file.
    public static func coordinate(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        let tenths = Int((min(max(value, -1e12), 1e12) * 10).rounded())
        let sign = tenths < 0 ? "-" : ""
        let magnitude = abs(tenths)
        let fraction = magnitude % 10
        return sign + String(magnitude / 10) + (fraction == 0 ? "" : "." + String(fraction))
    }

    /// A tick label for `value` on an axis whose ticks are `step` apart: as many decimals as
    /// the step needs, thousands grouped with a comma (e.g. 12,500 or 0.25).
    public static func tick(_ value: Double, step: Double) -> String {
        guard value.isFinite else { return "–" }
        let decimals = step > 0 && step.isFinite ? min(max(0, Int((-log10(step)).rounded(.up))), 8) : 2
        return grouped(value, decimals: decimals)
    }

    /// `value` with `decimals` decimals and thousands separators; never "-0".
    public static func grouped(_ value: Double, decimals: Int) -> String {
        guard value.isFinite else { return "–" }
        var text = String(format: "%.\(decimals)f", abs(value))
        let isZero = Double(text) == 0
        let parts = text.split(separator: ".", maxSplits: 1)
        var whole = String(parts[0])
        var groupedWhole = ""
        while whole.count > 3 {
            groupedWhole = "," + whole.suffix(3) + groupedWhole
            whole.removeLast(3)
        }
        text = whole + groupedWhole + (parts.count > 1 ? "." + parts[1] : "")
        return (value < 0 && !isZero ? "−" : "") + text
    }

    /// A summary figure: two decimals for small magnitudes, none from 1,000 up.
    public static func figure(_ value: Double) -> String {
        grouped(value, decimals: abs(value) >= 1000 ? 0 : 2)
    }
}
