"""Demo navigation (settings.DEMO_LOADERS, after the directory and campaigns demos, whose
pages it links): the main menu, the footer with contact and the legal pages, and the home
page's ways into the directory and the library, in German, French and Italian.
Idempotent: what exists is found (pages by slug, snippets by language) and left alone."""

import uuid

from .models import ContentPage, HomePage
from .navigation import Footer, NavigationItem, NavigationMenu
from .translation import ensure_locales, translate

POPULAR_TOPICS = ["depression", "angst", "alkohol", "krebs", "trauer", "pflegende-angehoerige",
                  "einsamkeit", "long-covid"]

LEGAL_PAGES = [
    {
        "slug": "impressum",
        "title": "Impressum",
        "intro": "Verantwortlich für den Inhalt dieser Website ist Entraide – Selbsthilfe Schweiz.",
        "body": [
            "Entraide – Selbsthilfe Schweiz, Geschäftsstelle, Laufenstrasse 12, 4053 Basel. "
            "E-Mail: info@example.ch, Telefon +41 61 000 00 00.",
            "Die Angaben im Verzeichnis stammen von den regionalen Selbsthilfezentren und den "
            "Gruppen selbst. Trotz sorgfältiger Prüfung übernehmen wir keine Gewähr für ihre "
            "Vollständigkeit.",
        ],
        "fr": {"slug": "impressum", "title": "Impressum",
               "intro": "Le contenu de ce site relève d'Entraide – Entraide Suisse.",
               "body": [
                   "Entraide – Entraide Suisse, secrétariat, Laufenstrasse 12, 4053 Bâle. "
                   "E-mail : info@example.ch, téléphone +41 61 000 00 00.",
                   "Les informations du répertoire proviennent des centres régionaux et des "
                   "groupes eux-mêmes. Malgré un contrôle attentif, nous ne pouvons en garantir "
                   "l'exhaustivité.",
               ]},
        "it": {"slug": "colophon", "title": "Colophon",
               "intro": "Il contenuto di questo sito è curato da Entraide – Auto-aiuto Svizzera.",
               "body": [
                   "Entraide – Auto-aiuto Svizzera, segretariato, Laufenstrasse 12, 4053 "
                   "Basilea. E-mail: info@example.ch, telefono +41 61 000 00 00.",
                   "I dati dell'elenco provengono dai centri regionali e dai gruppi stessi. "
                   "Nonostante un controllo accurato, non possiamo garantirne la completezza.",
               ]},
    },
    {
        "slug": "datenschutz",
        "title": "Datenschutzerklärung",
        "intro": "Wir bearbeiten nur die Personendaten, die wir für unser Angebot brauchen, nach "
                 "dem Schweizer Datenschutzgesetz (DSG).",
        "body": [
            "Wenn Sie über das Kontaktformular schreiben, leiten wir Ihre Nachricht an das "
            "zuständige Selbsthilfezentrum weiter. Nachrichten werden nach 90 Tagen gelöscht.",
            "Wir setzen keine Cookies zu Werbe- oder Analysezwecken ein. Sie können jederzeit "
            "Auskunft über Ihre Daten verlangen: info@example.ch.",
        ],
        "fr": {"slug": "protection-des-donnees", "title": "Protection des données",
               "intro": "Nous ne traitons que les données personnelles nécessaires à notre offre, "
                        "conformément à la loi suisse sur la protection des données (LPD).",
               "body": [
                   "Si vous nous écrivez au moyen du formulaire de contact, nous transmettons "
                   "votre message au centre d'entraide compétent. Les messages sont effacés "
                   "après 90 jours.",
                   "Nous n'utilisons pas de cookies publicitaires ni de mesure d'audience. Vous "
                   "pouvez en tout temps demander quelles données vous concernent : "
                   "info@example.ch.",
               ]},
        "it": {"slug": "protezione-dei-dati", "title": "Protezione dei dati",
               "intro": "Trattiamo solo i dati personali necessari alla nostra offerta, secondo "
                        "la legge svizzera sulla protezione dei dati (LPD).",
               "body": [
                   "Se ci scrivete tramite il modulo di contatto, inoltriamo il vostro messaggio "
                   "al centro di auto-aiuto competente. I messaggi sono cancellati dopo 90 "
                   "giorni.",
                   "Non utilizziamo cookie pubblicitari né di analisi. Potete chiedere in ogni "
                   "momento quali dati vi riguardano: info@example.ch.",
               ]},
    },
    {
        "slug": "barrierefreiheit",
        "title": "Erklärung zur Barrierefreiheit",
        "intro": "Diese Website soll für alle Menschen zugänglich sein. Sie richtet sich nach "
                 "den Web Content Accessibility Guidelines (WCAG) 2.1, Stufe AA.",
        "body": [
            "Alle Seiten lassen sich mit der Tastatur bedienen, passen sich dem Bildschirm an "
            "und sind auf Deutsch, Französisch und Italienisch verfügbar.",
            "Stossen Sie auf eine Barriere? Schreiben Sie uns an info@example.ch oder rufen Sie "
            "uns an: +41 61 000 00 00. Wir antworten innerhalb von fünf Arbeitstagen.",
        ],
        "fr": {"slug": "accessibilite", "title": "Déclaration d'accessibilité",
               "intro": "Ce site doit être accessible à toutes et à tous. Il suit les règles "
                        "pour l'accessibilité des contenus web (WCAG) 2.1, niveau AA.",
               "body": [
                   "Toutes les pages s'utilisent au clavier, s'adaptent à l'écran et existent "
                   "en allemand, en français et en italien.",
                   "Vous rencontrez un obstacle ? Écrivez-nous à info@example.ch ou "
                   "appelez-nous au +41 61 000 00 00. Nous vous répondons dans les cinq jours "
                   "ouvrables.",
               ]},
        "it": {"slug": "accessibilita", "title": "Dichiarazione di accessibilità",
               "intro": "Questo sito vuole essere accessibile a tutte le persone. Segue le linee "
                        "guida per l'accessibilità dei contenuti web (WCAG) 2.1, livello AA.",
               "body": [
                   "Tutte le pagine si possono usare con la tastiera, si adattano allo schermo "
                   "e sono disponibili in tedesco, francese e italiano.",
                   "Incontrate un ostacolo? Scriveteci a info@example.ch o chiamateci al "
                   "+41 61 000 00 00. Vi rispondiamo entro cinque giorni lavorativi.",
               ]},
    },
]

FOOTER = {
    "organisation": "Entraide – Selbsthilfe Schweiz",
    "address": "Geschäftsstelle\nLaufenstrasse 12\n4053 Basel",
    "email": "info@example.ch",
    "phone": "+41 61 000 00 00",
}

# wagtail-localize offers a text with line breaks to translators with <br/> in their place
ADDRESS_SEGMENT = FOOTER["address"].replace("\n", "<br/>")

ENTRY_POINTS = {
    "heading": "Eine Selbsthilfegruppe finden",
    "text": "Über 300 Gruppen und Online-Angebote in der ganzen Schweiz, nach Thema und Region.",
    "button_label": "Gruppe finden",
    "topics_heading": "Häufig gesucht",
    "cantons_heading": "Nach Kanton",
}
LIBRARY_TEASER_TEXT = "Plakate, Radiospots und Filme für Ihre Kampagne zur Selbsthilfe."

STRINGS = {
    "fr": {
        FOOTER["organisation"]: "Entraide – Entraide Suisse",
        ADDRESS_SEGMENT: "Secrétariat<br/>Laufenstrasse 12<br/>4053 Bâle",
        ENTRY_POINTS["heading"]: "Trouver un groupe d'entraide",
        ENTRY_POINTS["text"]: "Plus de 300 groupes et offres en ligne dans toute la Suisse, "
                              "par thème et par région.",
        ENTRY_POINTS["button_label"]: "Trouver un groupe",
        ENTRY_POINTS["topics_heading"]: "Thèmes fréquents",
        ENTRY_POINTS["cantons_heading"]: "Par canton",
        "Kampagnenmaterial": "Matériel de campagne",
        LIBRARY_TEASER_TEXT: "Affiches, spots radio et films pour votre campagne sur "
                             "l'entraide.",
    },
    "it": {
        FOOTER["organisation"]: "Entraide – Auto-aiuto Svizzera",
        ADDRESS_SEGMENT: "Segretariato<br/>Laufenstrasse 12<br/>4053 Basilea",
        ENTRY_POINTS["heading"]: "Trovare un gruppo di auto-aiuto",
        ENTRY_POINTS["text"]: "Oltre 300 gruppi e offerte online in tutta la Svizzera, per "
                              "tema e regione.",
        ENTRY_POINTS["button_label"]: "Trovare un gruppo",
        ENTRY_POINTS["topics_heading"]: "Temi frequenti",
        ENTRY_POINTS["cantons_heading"]: "Per cantone",
        "Kampagnenmaterial": "Materiale per campagne",
        LIBRARY_TEASER_TEXT: "Manifesti, spot radiofonici e film per la vostra campagna "
                             "sull'auto-aiuto.",
    },
}


def _block_id(name):
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"home-{name}"))


def _paragraph(text):
    return {"type": "paragraph", "value": f"<p>{text}</p>", "id": _block_id(text[:40])}


def _legal_page(home, spec, locales):
    page = ContentPage.objects.child_of(home).filter(slug=spec["slug"]).first()
    if page is None:
        page = home.add_child(instance=ContentPage(
            title=spec["title"], slug=spec["slug"], intro=spec["intro"],
            body=[_paragraph(text) for text in spec["body"]],
        ))
        page.save_revision().publish()
    for code in ("fr", "it"):
        if page.get_translation_or_none(locales[code]) is None:
            theirs = spec[code]
            strings = {spec["title"]: theirs["title"], spec["slug"]: theirs["slug"],
                       spec["intro"]: theirs["intro"],
                       **dict(zip(spec["body"], theirs["body"], strict=True))}
            translate(page, locales[code], strings)
    return page


def _menu(home, locales):
    menu = NavigationMenu.objects.filter(locale=locales["de"]).first()
    if menu is None:
        from campaigns.models import CampaignIndexPage
        from directory.models import DirectoryIndexPage

        pages = [
            DirectoryIndexPage.objects.child_of(home).first(),
            CampaignIndexPage.objects.child_of(home).first(),
            ContentPage.objects.child_of(home).filter(slug="was-ist-selbsthilfe").first(),
            ContentPage.objects.child_of(home).filter(slug="ueber-uns").first(),
        ]
        menu = NavigationMenu(locale=locales["de"])
        menu.items = [NavigationItem(page=page, locale=locales["de"])
                      for page in pages if page is not None]
        menu.save()
    for code in ("fr", "it"):
        if menu.get_translation_or_none(locales[code]) is None:
            translate(menu, locales[code], {})
    return menu


def _footer(legal_pages, locales):
    footer = Footer.objects.filter(locale=locales["de"]).first()
    if footer is None:
        imprint, privacy, accessibility = legal_pages
        footer = Footer.objects.create(
            locale=locales["de"], imprint_page=imprint, privacy_page=privacy,
            accessibility_page=accessibility, **FOOTER,
        )
    for code in ("fr", "it"):
        if footer.get_translation_or_none(locales[code]) is None:
            translate(footer, locales[code], STRINGS[code])
    return footer


def _entry_points(home):
    """Put the directory's entry points first on the home page and a library teaser beside
    the others. Returns whether the home page changed."""
    from campaigns.models import CampaignIndexPage
    from directory.models import DirectoryIndexPage
    from taxonomy.models import Topic

    body = list(home.body.raw_data)
    if any(block["type"] == "directory_entry_points" for block in body):
        return False
    directory = DirectoryIndexPage.objects.child_of(home).first()
    library = CampaignIndexPage.objects.child_of(home).first()
    topics = {topic.slug: topic.pk for topic in Topic.objects.filter(
        locale=home.locale, slug__in=POPULAR_TOPICS)}
    entry_points = {
        "type": "directory_entry_points", "id": _block_id("directory-entry-points"),
        "value": {**ENTRY_POINTS, "directory": directory.pk,
                  "topics": [{"type": "item", "id": _block_id(f"topic-{slug}"),
                              "value": topics[slug]} for slug in POPULAR_TOPICS
                             if slug in topics]},
    }
    if library is not None:
        teaser = {"type": "item", "id": _block_id("teaser-library"),
                  "value": {"title": library.title, "text": LIBRARY_TEASER_TEXT,
                            "page": library.pk, "url": "", "image": None}}
        row = next((block for block in body if block["type"] == "teasers"), None)
        if row is None:
            row = {"type": "teasers", "id": _block_id("teasers"),
                   "value": {"heading": "", "teasers": []}}
            body.append(row)
        row["value"]["teasers"].append(teaser)
    home.body = [entry_points, *body]
    home.save_revision().publish()
    return True


def load():
    locales = ensure_locales(["de", "fr", "it"])
    home = HomePage.objects.filter(locale=locales["de"], depth=2).first()
    if home is None:
        raise RuntimeError("navigation demo: load home.demo first (settings.DEMO_LOADERS)")
    legal_pages = [_legal_page(home, spec, locales) for spec in LEGAL_PAGES]
    _menu(home, locales)
    _footer(legal_pages, locales)
    if _entry_points(home):
        from .demo import TRANSLATIONS

        for code in ("fr", "it"):
            translate(home, locales[code], {**TRANSLATIONS[code], **STRINGS[code]})


