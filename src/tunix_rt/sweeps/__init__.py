"""Hyperparameter sweeps: a run of kind ``sweep`` drives Ray Tune, each trial an ordinary
training run and its evaluation."""
