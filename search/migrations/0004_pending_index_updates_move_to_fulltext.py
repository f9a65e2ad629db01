from django.db import migrations

# PendingIndexUpdate now belongs to fulltext/ (same table): forgotten here, not dropped.


class Migration(migrations.Migration):

    dependencies = [
        ("site_search", "0003_index_entry_text_index"),
        ("fulltext", "0001_pending_index_updates"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[
            migrations.DeleteModel(name="PendingIndexUpdate"),
        ]),
    ]
