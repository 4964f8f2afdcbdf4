// Placeholder until the ForecastData module lands.
public enum ForecastDataModulePlaceholder {}
