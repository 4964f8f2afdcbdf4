import ForecastData

/// `Day.iso` for one thread, keeping the last two days' texts: a request names its day and the
/// next, and most requests of a day name the same two (each text is about 450 instructions).
struct DayTexts {
    private var recent: (Day, String)?
    private var older: (Day, String)?

    mutating func iso(_ day: Day) -> String {
        if let recent, recent.0 == day { return recent.1 }
        if let older, older.0 == day {
            swap(&self.recent, &self.older)
            return older.1
        }
        let text = day.iso
        older = recent
        recent = (day, text)
        return text
    }
}
