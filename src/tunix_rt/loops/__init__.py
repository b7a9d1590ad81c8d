"""Self-improvement loops: rounds of sample -> keep verified -> dataset -> SFT -> evaluate."""
