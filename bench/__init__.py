"""Impasto's benchmarks (`make bench`): every case measures a baseline and Impasto side by side."""
