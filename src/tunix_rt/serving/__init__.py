"""Serving a model over an OpenAI-compatible API: what to load (source), the generation thread (engine), the routes."""
