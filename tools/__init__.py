"""Developer tools of the Impasto project that are not part of the installed package."""
