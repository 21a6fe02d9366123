"""Where the data lives and how it is read: the bundled files, the YAML reader and validation, the
validated-dataset cache, the per-user update overlay, and the one State lookup."""
