# The behaviour tests' fixtures (each backend, a small directory) for the other search tests.
from .test_behaviour import backend, directory, on_engine  # noqa: F401
