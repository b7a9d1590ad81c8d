"""Datasets: versioned, frozen snapshots of traces (and eval sets) that runs and evaluations name."""
