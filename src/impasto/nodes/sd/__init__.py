"""Nodes of the SD family (SD 1.x, 2.x, SDXL): model loaders, LoRAs, compel prompts, control, denoise."""
