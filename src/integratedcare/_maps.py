"""Maps of England's areas drawn with matplotlib from the bundled boundaries (the ``draw`` extra)."""
