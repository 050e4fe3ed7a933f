"""The benchmark cases; each module has ``run(quick: bool) -> list[Row]``."""
