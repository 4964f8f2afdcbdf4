// Placeholder until the Charts module lands.
public enum ChartsModulePlaceholder {}
