"""How far a listing of batches pages, in a module of its own: ``aura batches list --help``
states it without loading the batches' schemas."""

#: The highest page number a listing takes: its offset must fit the databases' 64-bit
#: integers (a page past the last one is simply empty).
MAX_PAGE = 1_000_000
