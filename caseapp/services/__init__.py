"""Use cases over the store. Qt-free; each call owns its session and returns plain records."""
