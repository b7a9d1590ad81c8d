"""Experiments: compositions of ordinary runs that answer one question with evidence."""
