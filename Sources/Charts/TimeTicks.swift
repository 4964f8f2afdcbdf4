/// Ticks for a time axis (seconds since 1970, UTC) at calendar-friendly steps: 1-2-5
/// milliseconds up to half a second (a burst of predictions), 1, 5, 15, 30 seconds or minutes, 1, 3, 6, 12 hours, days, weeks, months, quarters, years. Each tick has
/// a main label in the unit of the step and, on the first tick and wherever it changes, a
/// context line (the date under hours, the year under days and months).
public enum TimeTicks {
    /// One tick: its time, the label and the optional context line under it.
    public struct Tick: Sendable, Equatable {
        public let time: Double
        public let label: String
        public let context: String?
    }

    enum Unit { case millisecond, second, minute, hour, day, week, month, year }

    static let steps: [(unit: Unit, count: Int, seconds: Double)] = [
        (.millisecond, 1, 0.001), (.millisecond, 2, 0.002), (.millisecond, 5, 0.005), (.millisecond, 10, 0.01),
        (.millisecond, 20, 0.02), (.millisecond, 50, 0.05), (.millisecond, 100, 0.1), (.millisecond, 200, 0.2),
        (.millisecond, 500, 0.5),
        (.second, 1, 1), (.second, 5, 5), (.second, 15, 15), (.second, 30, 30),
        (.minute, 1, 60), (.minute, 5, 300), (.minute, 15, 900), (.minute, 30, 1800),
        (.hour, 1, 3600), (.hour, 3, 10_800), (.hour, 6, 21_600), (.hour, 12, 43_200),
        (.day, 1, 86_400), (.day, 2, 172_800), (.week, 1, 604_800),
        (.month, 1, 2_629_746), (.month, 3, 7_889_238), (.month, 6, 15_778_476),
        (.year, 1, 31_556_952), (.year, 2, 63_113_904), (.year, 5, 157_784_760), (.year, 10, 315_569_520),
        (.year, 100, 3_155_695_200), (.year, 1000, 31_556_952_000),
    ]

    /// Ticks inside [start, end], at most about `maxCount` of them (10 labels such as "Nov 22"
    /// or "10:00" fit the 680-pixel plot width of `ChartFrame` without touching).
    public static func ticks(start: Double, end: Double, maxCount: Int = 10) -> [Tick] {
        guard start.isFinite, end.isFinite, end > start else { return [] }
        let span = end - start
        // The finest step whose ticks inside the range number at most `maxCount` (counting the
        // real ticks, not span / step, which is one short whenever the range starts on a tick).
        var times: [Double] = []
        var choice = steps[steps.count - 1]
        for step in steps where span / step.seconds <= Double(maxCount + 1) {
            // "10:15:30.125" and "10:15:30" are long labels: fewer of them fit.
            let limit = step.unit == .millisecond || step.unit == .second ? min(maxCount, 6) : maxCount
            let candidate = instants(start: start, end: end, unit: step.unit, count: step.count, seconds: step.seconds)
            if candidate.count <= limit {
                (times, choice) = (candidate, step)
                break
            }
        }
        if times.isEmpty {
            times = instants(start: start, end: end, unit: choice.unit, count: choice.count, seconds: choice.seconds)
        }
        var ticks: [Tick] = []
        var lastContext: String?
        for time in times {
            let fields = UTCCalendar.fields(time)
            var (label, context) = labels(fields, unit: choice.unit)
            if choice.unit == .millisecond {
                let milliseconds = Int((time * 1000).rounded()) % 1000
                label += "." + String(repeating: "0", count: milliseconds < 10 ? 2 : milliseconds < 100 ? 1 : 0) + String(milliseconds)
            }
            ticks.append(Tick(time: time, label: label, context: context == lastContext ? nil : context))
            lastContext = context
        }
        return ticks
    }

    static func instants(start: Double, end: Double, unit: Unit, count: Int, seconds: Double) -> [Double] {
        switch unit {
        case .millisecond, .second, .minute, .hour, .day:
            // Multiples of the step since the epoch are aligned to midnight UTC for every step
            // that divides a day; each is k × step (no accumulated rounding).
            var k = (start / seconds).rounded(.up)
            var result: [Double] = []
            while k * seconds <= end {
                result.append(k * seconds)
                k += 1
            }
            return result
        case .week:
            // Mondays: 1970-01-05 was a Monday.
            let monday = 4 * UTCCalendar.secondsPerDay
            var time = ((start - monday) / seconds).rounded(.up) * seconds + monday
            var result: [Double] = []
            while time <= end {
                result.append(time)
                time += seconds
            }
            return result
        case .month, .year:
            let stepMonths = unit == .year ? 12 * count : count
            let first = UTCCalendar.fields(start)
            var monthIndex = first.year * 12 + (first.month - 1)
            monthIndex = (monthIndex + stepMonths - 1) / stepMonths * stepMonths  // align to the step
            var result: [Double] = []
            while true {
                let days = UTCCalendar.days(year: monthIndex / 12, month: monthIndex % 12 + 1, day: 1)
                let time = Double(days) * UTCCalendar.secondsPerDay
                if time > end { break }
                if time >= start { result.append(time) }
                monthIndex += stepMonths
            }
            return result
        }
    }

    static func labels(_ f: UTCCalendar.Fields, unit: Unit) -> (String, String?) {
        let date = UTCCalendar.monthNames[f.month - 1] + " " + String(f.day)
        switch unit {
        case .millisecond, .second:
            return (UTCCalendar.two(f.hour) + ":" + UTCCalendar.two(f.minute) + ":" + UTCCalendar.two(f.second),
                    date + ", " + String(f.year))
        case .minute, .hour:
            return (UTCCalendar.two(f.hour) + ":" + UTCCalendar.two(f.minute), date + ", " + String(f.year))
        case .day, .week:
            return (date, String(f.year))
        case .month:
            return (UTCCalendar.monthNames[f.month - 1], String(f.year))
        case .year:
            return (String(f.year), nil)
        }
    }
}
