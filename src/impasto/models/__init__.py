"""The model manager: identify, install, record, load and cache models."""
