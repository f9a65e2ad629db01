from django.db import migrations


def load_reference_data(apps, schema_editor):
    from taxonomy import reference_data

    reference_data.load(
        apps.get_model("directory", "Canton"),
        apps.get_model("directory", "Language"),
        apps.get_model("directory", "Locality"),
    )


class Migration(migrations.Migration):
    dependencies = [("directory", "0001_initial")]

    operations = [migrations.RunPython(load_reference_data, migrations.RunPython.noop)]
