"""Tests of the model manager, and the tiny-model factory they share."""
