"""The fuzz tests' tally, kept apart from anything that needs Django (tests/conftest.py
reads it when the run ends)."""


class Tally:
    """Requests the fuzz tests sent and the server errors (5xx) among them, by suite; printed
    at the end of the run (tests/conftest.py) for the record."""

    requests = {}
    server_errors = {}

    @classmethod
    def count(cls, suite, status):
        cls.requests[suite] = cls.requests.get(suite, 0) + 1
        if status >= 500:
            cls.server_errors[suite] = cls.server_errors.get(suite, 0) + 1

    @classmethod
    def lines(cls):
        return [f"fuzz {suite}: {count} requests, {cls.server_errors.get(suite, 0)} server "
                f"errors (5xx)" for suite, count in sorted(cls.requests.items())]
