import Charts

/// One SVG file of the report folder, with the caption the index page shows under it.
struct ReportChart {
    /// File name inside the output folder, e.g. `predictions_time_series.svg`.
    let fileName: String
    let caption: String
    let document: SVGDocument
}
