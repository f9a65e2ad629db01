"""Demo widget (settings.DEMO_LOADERS, after the directory demo): the lung league's
self-help offers on lung diseases in French, embeddable from http://localhost:8080 and
http://127.0.0.1:8080, so a reviewer can paste its code into a static page served by
`python -m http.server 8080`. Idempotent: found again by its name."""

from directory.models import Language, OrganisationPage, Topic

from .models import Widget

NAME = "Demo: Ligue pulmonaire (fr)"
DEMO_ORIGINS = ["http://localhost:8080", "http://127.0.0.1:8080"]


def load():
    if Widget.objects.filter(name=NAME).exists():
        return
    league = OrganisationPage.objects.filter(external_id="demo:organisation:lungenliga",
                                             locale__language_code="de").first()
    lungs = Topic.objects.filter(external_id="demo:topic:lungenkrankheiten",
                                 locale__language_code="de").first()
    if league is None or lungs is None:
        raise RuntimeError("widgets demo: load directory.demo first (settings.DEMO_LOADERS)")
    widget = Widget.objects.create(
        name=NAME, organisation=league, language="fr",
        visible_filters=["topic", "canton", "format"], results_count=10,
        allowed_origins="\n".join(DEMO_ORIGINS),
    )
    widget.topics.set([lungs])
    widget.languages.set(Language.objects.filter(code="fr"))
    widget.save()  # parental many-to-many relations are written on save
