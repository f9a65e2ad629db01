"""A GIN index on the expression Wagtail's PostgreSQL search filters by, `title || body`:
without it every search reads the whole index table (70 ms at 10,000 entries, ten times that
at 100,000); with it PostgreSQL reads only the matching entries."""

from django.db import migrations

CREATE = ("CREATE INDEX IF NOT EXISTS entraide_indexentry_text "
          "ON wagtailsearch_indexentry USING gin ((title || body))")
DROP = "DROP INDEX IF EXISTS entraide_indexentry_text"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [
        ("site_search", "0002_search_query_log"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [migrations.RunPython(create_index, drop_index)]
