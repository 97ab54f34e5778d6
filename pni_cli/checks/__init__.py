"""Cross-file checks, one concern per module. Each exposes `revisar(...)`, a generator of problems."""
