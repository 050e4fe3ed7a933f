"""Installing, removing and reloading custom node packs (folders in the root's ``nodes`` folder).

A pack is code: installing one from a git repository or a zip file puts Python on the server that the next
load runs with the server's rights. The API only installs into the configured node-packs folder, reads
local repositories only from the folders the configuration allows, and unpacks zip files with limits.
"""

from impasto.nodepacks.service import NodePackService, PackState
from impasto.nodepacks.sources import MAX_ZIP_BYTES, PackSourceError

__all__ = ["MAX_ZIP_BYTES", "NodePackService", "PackSourceError", "PackState"]
