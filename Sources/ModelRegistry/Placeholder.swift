// Placeholder until the ModelRegistry module lands.
public enum ModelRegistryModulePlaceholder {}
