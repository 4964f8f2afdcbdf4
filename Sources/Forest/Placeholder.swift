// Placeholder until the Forest module lands.
public enum ForestModulePlaceholder {}
