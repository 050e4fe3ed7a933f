"""Torch-free sampling tables: scheduler names and the settings each family's sampler takes."""
