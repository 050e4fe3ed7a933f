"""Torch-free prompt tools: prompt templates expanded before any text encoder sees them."""
