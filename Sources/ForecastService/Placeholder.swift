// Placeholder until the ForecastService module lands.
public enum ForecastServiceModulePlaceholder {}
