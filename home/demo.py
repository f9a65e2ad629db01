"""Demo content for the home app: a trilingual home page and a few editorial pages.
Idempotent: running it again finds what exists and creates only what is missing."""

import uuid

from wagtail.models import Page, Site

from .models import ContentPage, HomePage
from .translation import ensure_locales, translate

HOME = {
    "title": "Startseite",
    "slug": "start",
    "hero_title": "Gemeinsam statt allein",
    "hero_text": (
        "Finden Sie eine Selbsthilfegruppe in Ihrer Nähe oder online: zu über 40 Themen, "
        "auf Deutsch, Französisch und Italienisch."
    ),
    "search_label": "Selbsthilfegruppe finden",
}

CONTENT_PAGES = [
    {
        "title": "Was ist Selbsthilfe?",
        "slug": "was-ist-selbsthilfe",
        "intro": (
            "In einer Selbsthilfegruppe treffen sich Menschen mit einem gemeinsamen Anliegen, "
            "um Erfahrungen auszutauschen und sich gegenseitig zu stärken."
        ),
        "body": (
            "Die Gruppen sind freiwillig, vertraulich und meist kostenlos. Regionale "
            "Selbsthilfezentren beraten Sie und helfen bei der Gründung neuer Gruppen."
        ),
    },
    {
        "title": "Über uns",
        "slug": "ueber-uns",
        "intro": (
            "Wir fördern die gemeinschaftliche Selbsthilfe in der ganzen Schweiz, zusammen mit "
            "den regionalen Zentren und unseren Partnerligen."
        ),
        "body": "Kontakt: Geschäftsstelle, Laufenstrasse 12, 4053 Basel.",
    },
]

TRANSLATIONS = {
    "fr": {
        "Startseite": "Accueil",
        "start": "accueil",
        "Gemeinsam statt allein": "Ensemble plutôt que seul·e",
        HOME["hero_text"]: (
            "Trouvez un groupe d'entraide près de chez vous ou en ligne : plus de 40 thèmes, "
            "en allemand, en français et en italien."
        ),
        "Selbsthilfegruppe finden": "Trouver un groupe d'entraide",
        "So hilft Selbsthilfe": "Comment l'entraide aide",
        "Was ist Selbsthilfe?": "Qu'est-ce que l'entraide ?",
        "was-ist-selbsthilfe": "qu-est-ce-que-l-entraide",
        CONTENT_PAGES[0]["intro"]: (
            "Dans un groupe d'entraide, des personnes partageant une même préoccupation se "
            "réunissent pour échanger leurs expériences et se soutenir mutuellement."
        ),
        CONTENT_PAGES[0]["body"]: (
            "Les groupes sont libres, confidentiels et le plus souvent gratuits. Les centres "
            "régionaux vous conseillent et aident à fonder de nouveaux groupes."
        ),
        "Über uns": "À propos",
        "ueber-uns": "a-propos",
        CONTENT_PAGES[1]["intro"]: (
            "Nous promouvons l'entraide dans toute la Suisse, avec les centres régionaux et "
            "nos ligues partenaires."
        ),
        CONTENT_PAGES[1]["body"]: "Contact : secrétariat, Laufenstrasse 12, 4053 Bâle.",
        "Erfahren Sie, wie Gruppen arbeiten.": "Découvrez comment fonctionnent les groupes.",
        "Wer wir sind.": "Qui nous sommes.",
    },
    "it": {
        "Startseite": "Pagina iniziale",
        "start": "inizio",
        "Gemeinsam statt allein": "Insieme invece che soli",
        HOME["hero_text"]: (
            "Trovate un gruppo di auto-aiuto vicino a voi oppure online: oltre 40 temi, in "
            "tedesco, francese e italiano."
        ),
        "Selbsthilfegruppe finden": "Trovare un gruppo di auto-aiuto",
        "So hilft Selbsthilfe": "Come aiuta l'auto-aiuto",
        "Was ist Selbsthilfe?": "Che cos'è l'auto-aiuto?",
        "was-ist-selbsthilfe": "che-cos-e-l-auto-aiuto",
        CONTENT_PAGES[0]["intro"]: (
            "In un gruppo di auto-aiuto si incontrano persone con una preoccupazione comune "
            "per scambiarsi esperienze e sostenersi a vicenda."
        ),
        CONTENT_PAGES[0]["body"]: (
            "I gruppi sono liberi, confidenziali e per lo più gratuiti. I centri regionali "
            "vi consigliano e aiutano a fondare nuovi gruppi."
        ),
        "Über uns": "Chi siamo",
        "ueber-uns": "chi-siamo",
        CONTENT_PAGES[1]["intro"]: (
            "Promuoviamo l'auto-aiuto in tutta la Svizzera, insieme ai centri regionali e "
            "alle nostre leghe partner."
        ),
        CONTENT_PAGES[1]["body"]: "Contatto: segretariato, Laufenstrasse 12, 4053 Basilea.",
        "Erfahren Sie, wie Gruppen arbeiten.": "Scoprite come funzionano i gruppi.",
        "Wer wir sind.": "Chi siamo.",
    },
}


def _paragraph(text):
    return {"type": "paragraph", "value": f"<p>{text}</p>"}


def _home_page(locale):
    home = HomePage.objects.filter(locale=locale, depth=2).first()
    if home:
        return home
    root = Page.get_first_root_node()
    home = root.add_child(instance=HomePage(locale=locale, **HOME))
    site = Site.objects.filter(is_default_site=True).first()
    previous_root = site.root_page if site else None
    if site is None:
        Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True)
    else:
        site.root_page = home
        site.site_name = "Entraide"
        site.save()
    if previous_root and previous_root.pk != home.pk and previous_root.specific_class is Page:
        previous_root.delete()  # Wagtail's "Welcome to your new Wagtail site!" page
    return home


def _content_page(home, spec):
    existing = ContentPage.objects.child_of(home).filter(slug=spec["slug"]).first()
    if existing:
        return existing
    page = ContentPage(
        title=spec["title"], slug=spec["slug"], intro=spec["intro"], body=[_paragraph(spec["body"])]
    )
    home.add_child(instance=page)
    return page


def _add_teasers(home, pages):
    if home.body:
        return
    teaser_texts = ["Erfahren Sie, wie Gruppen arbeiten.", "Wer wir sind."]
    home.body = [
        {
            "type": "teasers",
            "value": {
                "heading": "So hilft Selbsthilfe",
                "teasers": [
                    {
                        "type": "item",
                        "id": str(uuid.uuid5(uuid.NAMESPACE_URL, f"teaser-{page.slug}")),
                        "value": {"title": page.title, "text": text, "page": page.pk,
                                  "url": "", "image": None},
                    }
                    for page, text in zip(pages, teaser_texts, strict=True)
                ],
            },
        }
    ]
    home.save_revision().publish()


def load():
    locales = ensure_locales(["de", "fr", "it"])
    home = _home_page(locales["de"])
    pages = [_content_page(home, spec) for spec in CONTENT_PAGES]
    _add_teasers(home, pages)
    for code in ("fr", "it"):
        if all(page.get_translation_or_none(locales[code]) for page in [home, *pages]):
            continue
        translate(home, locales[code], TRANSLATIONS[code])
        for page in pages:
            translate(page, locales[code], TRANSLATIONS[code])
        translate(home, locales[code], TRANSLATIONS[code])  # teasers now link translated pages
