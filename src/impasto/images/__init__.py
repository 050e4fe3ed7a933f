"""Images: files and records, thumbnails, boards, uploads, ZIP downloads and generation metadata.

Files live under ``<outputs>/images`` as ``<32 hex digits>.png``; their records (origin, category, size,
board, the queue item and node that made them, the parameters recalled from their metadata) live in the
database. :class:`~impasto.images.service.ImageLibrary` keeps the two consistent, and
:func:`~impasto.images.consistency.check_consistency` repairs what a crash left behind.
"""
