"""Installing models: from a local path, a scanned folder, an HTTP(S) URL or a Hugging Face repository.

Import from the submodules (``jobs``, ``installer``, ``scan``, ...); this package module stays empty so that
the records and events can use the job types without importing the installer.
"""
