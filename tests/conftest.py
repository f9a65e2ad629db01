from tests.fuzz_tally import Tally


def pytest_terminal_summary(terminalreporter):
    for line in Tally.lines():
        terminalreporter.write_line(line)
