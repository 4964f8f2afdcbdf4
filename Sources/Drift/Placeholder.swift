// Placeholder until the Drift module lands.
public enum DriftModulePlaceholder {}
