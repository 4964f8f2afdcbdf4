// Placeholder until the HTTPCore module lands.
public enum HTTPCoreModulePlaceholder {}
