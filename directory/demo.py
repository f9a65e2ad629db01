"""Demo content of the directory (filled in by the directory demo work)."""


def load():
    pass
