"""After a bulk write (import, demo, benchmark data) PostgreSQL knows how big the tables are
at once, instead of planning the first visitors' queries for the empty tables it saw before
autovacuum gets there (directory.bulk.refresh_planner_statistics)."""

import pytest
from django.db import connection

from directory.models import SelfHelpGroupPage
from directory.tests.test_import import directory as directory  # noqa: F401 (fixture)
from directory.tests.test_import import group_row, run_import, write_csv

pytestmark = pytest.mark.django_db


@pytest.fixture
def postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("planner statistics are PostgreSQL's (DATABASE_URL)")


def planner_rows(table):
    with connection.cursor() as cursor:
        cursor.execute("SELECT reltuples FROM pg_class WHERE relname = %s", [table])
        return cursor.fetchone()[0]


def times_analysed(table):
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_stat_clear_snapshot()")  # the counts as of now
        cursor.execute("SELECT analyze_count FROM pg_stat_user_tables WHERE relname = %s",
                       [table])
        return cursor.fetchone()[0]


def test_the_planner_knows_the_imported_offers_right_after_an_import(postgresql, directory,
                                                                      tmp_path):
    rows = [group_row(number) for number in range(1, 31)]  # below autovacuum's threshold
    table = SelfHelpGroupPage._meta.db_table
    analysed_before = times_analysed(table)

    _out, _err, error = run_import(write_csv(tmp_path / "offers.csv", rows))

    assert error is None
    groups = SelfHelpGroupPage.objects.count()
    assert groups >= 30
    assert times_analysed(table) > analysed_before
    assert planner_rows(table) == groups
    topics_table = SelfHelpGroupPage._meta.get_field("topics").remote_field.through._meta
    assert planner_rows(topics_table.db_table) >= 30
