"""Reading the input files: the YAML loader (fast and reference paths, errors in Spanish), the model validation,
the Excel form, the workspace on disk and its cache. Nothing here prints; everything returns problems as data."""
