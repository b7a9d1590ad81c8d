"""Model registry: promoted model versions, content-addressed blobs, aliases, downloads."""
