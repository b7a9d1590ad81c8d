"""The ``sample`` run kind: k completions per prompt from a model, parsed into stored traces."""
