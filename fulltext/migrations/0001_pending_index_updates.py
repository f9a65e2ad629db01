import django.db.models.deletion
from django.db import migrations, models

# The table was made by site_search's first migration; only the model's home changes.


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("site_search", "0003_index_entry_text_index"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[
            migrations.CreateModel(
                name="PendingIndexUpdate",
                fields=[
                    ("id", models.BigAutoField(auto_created=True, primary_key=True,
                                               serialize=False, verbose_name="ID")),
                    ("language", models.CharField(max_length=8)),
                    ("object_id", models.CharField(max_length=255)),
                    ("recorded_at", models.DateTimeField(auto_now=True)),
                    ("attempts", models.PositiveIntegerField(default=0)),
                    ("last_error", models.TextField(blank=True)),
                    ("content_type", models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        to="contenttypes.contenttype")),
                ],
                options={
                    "db_table": "site_search_pendingindexupdate",
                    "constraints": [models.UniqueConstraint(
                        fields=("language", "content_type", "object_id"),
                        name="one_pending_update_per_object")],
                },
            ),
        ]),
    ]
