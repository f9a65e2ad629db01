"""Cantons, languages and localities: fixed reference data loaded by a data migration."""

import csv
from pathlib import Path

LOCALITIES_CSV = Path(__file__).parent / "data" / "localities.csv"

CANTONS = [
    ("AG", "Aargau", "Argovie", "Argovia"),
    ("AI", "Appenzell Innerrhoden", "Appenzell Rhodes-Intérieures", "Appenzello Interno"),
    ("AR", "Appenzell Ausserrhoden", "Appenzell Rhodes-Extérieures", "Appenzello Esterno"),
    ("BE", "Bern", "Berne", "Berna"),
    ("BL", "Basel-Landschaft", "Bâle-Campagne", "Basilea Campagna"),
    ("BS", "Basel-Stadt", "Bâle-Ville", "Basilea Città"),
    ("FR", "Freiburg", "Fribourg", "Friburgo"),
    ("GE", "Genf", "Genève", "Ginevra"),
    ("GL", "Glarus", "Glaris", "Glarona"),
    ("GR", "Graubünden", "Grisons", "Grigioni"),
    ("JU", "Jura", "Jura", "Giura"),
    ("LU", "Luzern", "Lucerne", "Lucerna"),
    ("NE", "Neuenburg", "Neuchâtel", "Neuchâtel"),
    ("NW", "Nidwalden", "Nidwald", "Nidvaldo"),
    ("OW", "Obwalden", "Obwald", "Obvaldo"),
    ("SG", "St. Gallen", "Saint-Gall", "San Gallo"),
    ("SH", "Schaffhausen", "Schaffhouse", "Sciaffusa"),
    ("SO", "Solothurn", "Soleure", "Soletta"),
    ("SZ", "Schwyz", "Schwytz", "Svitto"),
    ("TG", "Thurgau", "Thurgovie", "Turgovia"),
    ("TI", "Tessin", "Tessin", "Ticino"),
    ("UR", "Uri", "Uri", "Uri"),
    ("VD", "Waadt", "Vaud", "Vaud"),
    ("VS", "Wallis", "Valais", "Vallese"),
    ("ZG", "Zug", "Zoug", "Zugo"),
    ("ZH", "Zürich", "Zurich", "Zurigo"),
]

LANGUAGES = [
    ("de", "Deutsch", "allemand", "tedesco"),
    ("fr", "Französisch", "français", "francese"),
    ("it", "Italienisch", "italien", "italiano"),
    ("rm", "Rätoromanisch", "romanche", "romancio"),
    ("en", "Englisch", "anglais", "inglese"),
    ("es", "Spanisch", "espagnol", "spagnolo"),
    ("pt", "Portugiesisch", "portugais", "portoghese"),
    ("sq", "Albanisch", "albanais", "albanese"),
    ("tr", "Türkisch", "turc", "turco"),
    ("sgn", "Gebärdensprache", "langue des signes", "lingua dei segni"),
]


def read_localities():
    """Rows of the swisstopo CSV (UTF-8 with BOM, ';'-separated, one comment line on top)."""
    with LOCALITIES_CSV.open(encoding="utf-8-sig", newline="") as handle:
        lines = (line for line in handle if not line.startswith("#"))
        for row in csv.DictReader(lines, delimiter=";"):
            yield {
                "name": row["Ortschaftsname"],
                "postal_code": row["PLZ"],
                "municipality": row["Gemeindename"],
                "bfs_number": int(row["BFS-Nr"]),
                "canton": row["Kantonskürzel"] or None,
                "longitude": float(row["E"]),
                "latitude": float(row["N"]),
                "language": row["Sprache"],
            }


def load(Canton, Language, Locality):  # noqa: N803 (historical models from a migration)
    for code, de, fr, it in CANTONS:
        Canton.objects.update_or_create(code=code, defaults={"name_de": de, "name_fr": fr,
                                                             "name_it": it})
    for code, de, fr, it in LANGUAGES:
        Language.objects.update_or_create(code=code, defaults={"name_de": de, "name_fr": fr,
                                                               "name_it": it})
    cantons = {canton.code: canton.pk for canton in Canton.objects.all()}
    seen = set()
    localities = []
    for row in read_localities():
        key = (row["postal_code"], row["name"])
        if key in seen:  # the same locality split over several municipalities
            continue
        seen.add(key)
        row["canton_id"] = cantons.get(row.pop("canton"))
        localities.append(Locality(**row))
    Locality.objects.bulk_create(localities, batch_size=1000, ignore_conflicts=True)
