"""Demo content of the campaign library: the self-help day 2026 "Gemeinsam stärker", the
national congress 2027 and a league's awareness week for its partners only, with real small
files (speech, a subtitled film, silhouettes, a poster) from demo_media/files, which
demo_media/generate.py made once. German pages with French and Italian translations made
through wagtail-localize. Idempotent: files are found by title and collection, pages by slug.
"""

import datetime
import uuid
from pathlib import Path

from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.db import transaction
from django.utils import timezone
from wagtail.contrib.redirects.models import Redirect
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction
from wagtailmedia.models import Media

from home.models import HomePage
from home.translation import ensure_locales, translate

from . import demo_data as data
from .models import (
    CampaignIndexPage,
    CampaignPage,
    MaterialPage,
    MaterialSubtitle,
    MaterialVariant,
)
from .svg import sanitise_svg

FILES = Path(__file__).resolve().parent / "demo_media" / "files"
PARTNER_GROUP = "Partner Lungenliga"
CREDIT = "Entraide Schweiz (Demo)"


# --- files -------------------------------------------------------------------------------

def _collection(name, parent=None):
    parent = parent or Collection.get_first_root_node()
    return parent.get_children().filter(name=name).first() or parent.add_child(name=name)


def _random_name(filename):
    return f"{uuid.uuid4().hex}{Path(filename).suffix}"


def _image(filename, collection, title=None):
    title = title or filename
    existing = Image.objects.filter(title=title, collection=collection).first()
    if existing:
        return existing
    content = (FILES / filename).read_bytes()
    if filename.endswith(".svg"):
        content = sanitise_svg(content)
    image = Image(title=title, collection=collection,
                  file=ImageFile(ContentFile(content), name=_random_name(filename)))
    image._set_image_file_metadata()
    image.save()
    return image


def _document(filename, collection):
    existing = Document.objects.filter(title=filename, collection=collection).first()
    if existing:
        return existing
    document = Document(title=filename, collection=collection)
    document.file.save(_random_name(filename), ContentFile((FILES / filename).read_bytes()),
                       save=False)
    document._set_document_file_metadata()
    document.save()
    return document


def _media(filename, kind, duration, collection, thumbnail=None):
    existing = Media.objects.filter(title=filename, collection=collection).first()
    if existing:
        return existing
    media = Media(title=filename, type=kind, duration=duration, collection=collection)
    media.file.save(_random_name(filename), ContentFile((FILES / filename).read_bytes()),
                    save=False)
    if thumbnail:
        media.thumbnail.save(_random_name(thumbnail),
                             ContentFile((FILES / thumbnail).read_bytes()), save=False)
    media.save()
    return media


def _partner_collection():
    group, _ = Group.objects.get_or_create(name=PARTNER_GROUP)
    collection = _collection("Lungenliga intern", _collection("Kampagnenmaterial"))
    restriction = CollectionViewRestriction.objects.filter(collection=collection).first()
    if restriction is None:
        restriction = CollectionViewRestriction.objects.create(
            collection=collection, restriction_type=CollectionViewRestriction.GROUPS)
        restriction.groups.set([group])
    return collection, group


# --- pages -------------------------------------------------------------------------------

def _child(parent, model, slug, **fields):
    existing = model.objects.child_of(parent).filter(slug=slug).first()
    if existing:
        return existing, False
    variants = [MaterialVariant(**variant) for variant in fields.pop("variants", [])]
    subtitles = [MaterialSubtitle(**subtitle) for subtitle in fields.pop("subtitles", [])]
    page = model(slug=slug, **fields)
    if variants:
        page.variants = variants
    if subtitles:
        page.subtitles = subtitles
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page, True


def _rights(**extra):
    return {"licence": "cc-by-4.0", "credit_line": CREDIT,
            "allowed_uses": ALLOWED_USES,
            **extra}


def _self_help_day(library, files_collection, today):
    campaign, _ = _child(
        library, CampaignPage, "selbsthilfetag-2026", title="Selbsthilfetag 2026",
        kind="self_help_day", theme="Gemeinsam stärker",
        starts_on=datetime.date(2026, 5, 21), ends_on=datetime.date(2026, 5, 21),
        intro=f"<p>{SELF_HELP_DAY_INTRO}</p>",
        image=_image("social-media-kachel.png", files_collection))
    spot_titles = {"de": "Radiospot (Deutsch)", "fr": "Radiospot (Französisch)",
                   "it": "Radiospot (Italienisch)"}
    for language, text in data.SPOT.items():
        _child(campaign, MaterialPage, f"radiospot-{language}", title=spot_titles[language],
               material_type="audio", language=language,
               description="Radiospot von 15 Sekunden zum Selbsthilfetag.",
               media=_media(f"radiospot-{language}.mp3", "audio", 16, files_collection),
               speaker=SPEAKER, transcript=text,
               for_radio=True, for_web=True, for_social=True, **_rights())
    subtitles = [{"language": language,
                  "document": _document(f"film-{language}.vtt", files_collection)}
                 for language in ("de", "fr", "it")]
    _child(campaign, MaterialPage, "kurzfilm-gemeinsam-staerker",
           title="Kurzfilm „Gemeinsam stärker“", material_type="film", language="de",
           description="Kurzfilm mit Untertiteln auf Deutsch, Französisch und Italienisch.",
           media=_media("film-gemeinsam-staerker.mp4", "video", 14, files_collection,
                        thumbnail="film-poster.jpg"),
           image=_image("film-poster.jpg", files_collection),
           transcript=data.FILM_SPEECH_DE, subtitles=subtitles, for_web=True,
           for_social=True, **_rights())
    variants = []
    for colour, label in (("weinrot", "Weinrot"), ("blau", "Blau"), ("schwarz", "Schwarz")):
        if colour != "weinrot":
            variants.append({"label": f"{label} (SVG)", "sort_order": len(variants),
                             "image": _image(f"silhouette-{colour}.svg", files_collection)})
        variants.append({"label": f"{label} (PNG)", "sort_order": len(variants),
                         "image": _image(f"silhouette-{colour}.png", files_collection)})
    _child(campaign, MaterialPage, "silhouetten-gruppe", title="Silhouetten: drei Menschen",
           material_type="silhouette", language="",
           description="Ausgeschnittene Figuren als SVG und PNG, in drei Farben.",
           image=_image("silhouette-weinrot.svg", files_collection), variants=variants,
           for_print=True, for_web=True, for_social=True, **_rights())
    _child(campaign, MaterialPage, "plakat-a4", title="Plakat A4", material_type="visual",
           language="de", description="Plakat zum Ausdrucken und als Bild für das Web.",
           document=_document("plakat-a4.pdf", files_collection),
           image=_image("plakat-a4.png", files_collection), for_print=True, for_web=True,
           **_rights())
    _child(campaign, MaterialPage, "social-media-kachel", title="Social-Media-Kachel",
           material_type="visual", language="de",
           description="Quadratische Kachel für Instagram, Facebook und LinkedIn.",
           image=_image("social-media-kachel.png", files_collection), for_social=True,
           **_rights(expires_on=today + datetime.timedelta(days=14)))
    _child(campaign, MaterialPage, "slogan", title="Slogan und Ankündigung",
           material_type="text", description="Freigegebene Texte in drei Längen.",
           text_short=data.SLOGAN["short"], text_medium=data.SLOGAN["medium"],
           text_long=data.SLOGAN["long"], approved_on=datetime.date(2026, 2, 10),
           for_print=True, for_web=True, for_social=True, **_rights(licence="campaign"))
    _child(campaign, MaterialPage, "plakat-2025", title="Plakat 2025 (Rechte abgelaufen)",
           material_type="visual", language="de",
           description="Das Foto durfte nur bis Ende der Kampagne 2025 verwendet werden.",
           image=_image("plakat-a4.png", files_collection, title="plakat-2025.png"),
           for_print=True, **_rights(licence="reserved",
                                     expires_on=today - datetime.timedelta(days=10)))
    return campaign


def _congress(library, files_collection):
    campaign, _ = _child(
        library, CampaignPage, "selbsthilfekongress-2027",
        title="Nationaler Selbsthilfekongress 2027", kind="congress", theme="Selbsthilfe wirkt",
        starts_on=datetime.date(2027, 9, 16), ends_on=datetime.date(2027, 9, 17),
        intro=f"<p>{CONGRESS_INTRO}</p>")
    _child(campaign, MaterialPage, "erfahrungsbericht",
           title="Erfahrungsbericht: nicht mehr allein",
           material_type="audio", language="de", audience="affected",
           description="Eine Teilnehmerin erzählt, was ihr die Gruppe gibt.",
           media=_media("erfahrungsbericht-de.mp3", "audio", 10, files_collection),
           speaker=SPEAKER, transcript=data.TESTIMONY_DE,
           for_radio=True, for_web=True, **_rights())
    _child(campaign, MaterialPage, "kongress-logo", title="Kongresslogo",
           material_type="visual", language="", audience="media",
           description="Logo des Kongresses als SVG.",
           image=_image("kongress-logo.svg", files_collection), for_print=True, for_web=True,
           **_rights(licence="reserved"))
    _child(campaign, MaterialPage, "einladung", title="Einladungstext", material_type="text",
           audience="professionals", description="Text für Newsletter und Website.",
           text_short=INVITATION_SHORT, text_medium=INVITATION_MEDIUM,
           approved_on=datetime.date(2026, 9, 1), for_web=True, **_rights(licence="campaign"))
    return campaign


def _partner_week(library):
    collection, group = _partner_collection()
    campaign, created = _child(
        library, CampaignPage, "lungenliga-aktionswoche", title="Aktionswoche Atemwege",
        kind="awareness_week", theme="Luft zum Leben",
        starts_on=datetime.date(2026, 10, 5), ends_on=datetime.date(2026, 10, 11),
        intro=f"<p>{PARTNER_WEEK_INTRO}</p>")
    _child(campaign, MaterialPage, "plakat-intern", title="Plakat Aktionswoche (intern)",
           material_type="visual", language="de", audience="public",
           description="Entwurf, nur für Partner.",
           image=_image("plakat-a4.png", collection, title="plakat-aktionswoche.png"),
           for_print=True, **_rights(licence="campaign"))
    _child(campaign, MaterialPage, "medienmitteilung", title="Medienmitteilung (Entwurf)",
           material_type="text", audience="media", description="Sperrfrist beachten.",
           text_short="Aktionswoche Atemwege: Luft zum Leben.",
           approved_on=datetime.date(2026, 9, 15), for_web=True, **_rights(licence="campaign"))
    return campaign, group


def _restrict_to(page, group):
    if not PageViewRestriction.objects.filter(page=page).exists():
        restriction = PageViewRestriction.objects.create(
            page=page, restriction_type=PageViewRestriction.GROUPS)
        restriction.groups.set([group])


# --- translations ------------------------------------------------------------------------

def _strings(code):
    fr = code == "fr"
    strings = {
        "Kampagnenmaterial": "Matériel de campagne" if fr else "Materiale per campagne",
        "kampagnenmaterial": "materiel-de-campagne" if fr else "materiale-per-campagne",
        LIBRARY_INTRO: (
            "Sons, films, silhouettes, visuels et textes validés pour promouvoir l'entraide: "
            "à prévisualiser, copier et télécharger." if fr else
            "Audio, film, sagome, immagini e testi approvati per promuovere l'auto-aiuto: da "
            "vedere, copiare e scaricare."),
        "Selbsthilfetag 2026": ("Journée de l'entraide 2026" if fr
                                else "Giornata dell'auto-aiuto 2026"),
        "selbsthilfetag-2026": ("journee-entraide-2026" if fr
                                else "giornata-auto-aiuto-2026"),
        "Gemeinsam stärker": "Plus forts ensemble" if fr else "Più forti insieme",
        "Nationaler Selbsthilfekongress 2027": ("Congrès national de l'entraide 2027" if fr
                                                else "Congresso nazionale dell'auto-aiuto 2027"),
        "selbsthilfekongress-2027": "congres-entraide-2027" if fr else "congresso-2027",
        "Selbsthilfe wirkt": "L'entraide, ça marche" if fr else "L'auto-aiuto funziona",
        "Aktionswoche Atemwege": ("Semaine d'action voies respiratoires" if fr
                                  else "Settimana d'azione vie respiratorie"),
        "Luft zum Leben": "De l'air pour vivre" if fr else "Aria per vivere",
        "Radiospot (Deutsch)": "Spot radio (allemand)" if fr else "Spot radio (tedesco)",
        "Radiospot (Französisch)": "Spot radio (français)" if fr else "Spot radio (francese)",
        "Radiospot (Italienisch)": "Spot radio (italien)" if fr else "Spot radio (italiano)",
        "Radiospot von 15 Sekunden zum Selbsthilfetag.": (
            "Spot radio de 15 secondes pour la journée de l'entraide." if fr
            else "Spot radio di 15 secondi per la giornata dell'auto-aiuto."),
        "Kurzfilm „Gemeinsam stärker“": ("Court métrage « Plus forts ensemble »" if fr
                                         else "Cortometraggio «Più forti insieme»"),
        "Kurzfilm mit Untertiteln auf Deutsch, Französisch und Italienisch.": (
            "Court métrage sous-titré en allemand, français et italien." if fr
            else "Cortometraggio con sottotitoli in tedesco, francese e italiano."),
        "Silhouetten: drei Menschen": ("Silhouettes : trois personnes" if fr
                                       else "Sagome: tre persone"),
        "Ausgeschnittene Figuren als SVG und PNG, in drei Farben.": (
            "Figures découpées en SVG et PNG, en trois couleurs." if fr
            else "Figure ritagliate in SVG e PNG, in tre colori."),
        "Plakat A4": "Affiche A4" if fr else "Manifesto A4",
        "Plakat zum Ausdrucken und als Bild für das Web.": (
            "Affiche à imprimer et image pour le web." if fr
            else "Manifesto da stampare e immagine per il web."),
        "Social-Media-Kachel": ("Visuel pour les réseaux sociaux" if fr
                                else "Immagine per i social media"),
        "Slogan und Ankündigung": "Slogan et annonce" if fr else "Slogan e annuncio",
        "Freigegebene Texte in drei Längen.": ("Textes validés en trois longueurs." if fr
                                               else "Testi approvati in tre lunghezze."),
        data.SLOGAN["short"]: ("Plus forts ensemble – l'entraide relie." if fr
                               else "Più forti insieme – l'auto-aiuto unisce."),
        data.SLOGAN["medium"]: (
            "Lors de la journée nationale de l'entraide du 21 mai, les groupes de toute la "
            "Suisse ouvrent leurs portes. Passez nous voir : personne ne doit rester seul."
            if fr else
            "Alla giornata nazionale dell'auto-aiuto del 21 maggio i gruppi di tutta la "
            "Svizzera aprono le porte. Venite a trovarci: nessuno deve restare solo."),
        "Erfahrungsbericht: nicht mehr allein": ("Témoignage : plus jamais seule" if fr
                                                 else "Testimonianza: mai più sola"),
        "Kongresslogo": "Logo du congrès" if fr else "Logo del congresso",
        "Einladungstext": "Texte d'invitation" if fr else "Testo d'invito",
        "Plakat Aktionswoche (intern)": ("Affiche semaine d'action (interne)" if fr
                                         else "Manifesto settimana d'azione (interno)"),
        "Medienmitteilung (Entwurf)": ("Communiqué de presse (projet)" if fr
                                       else "Comunicato stampa (bozza)"),
        "Plakat 2025 (Rechte abgelaufen)": ("Affiche 2025 (droits expirés)" if fr
                                            else "Manifesto 2025 (diritti scaduti)"),
        # descriptions, rights and texts: a French or Italian page says them in its language
        SELF_HELP_DAY_INTRO: (
            "Lors de la journée nationale de l'entraide, groupes et centres ouvrent leurs "
            "portes dans toute la Suisse. Vous trouverez ici tout pour y participer." if fr else
            "Alla giornata nazionale dell'auto-aiuto gruppi e centri aprono le porte in tutta "
            "la Svizzera. Qui trovate tutto il necessario per partecipare."),
        CONGRESS_INTRO: (
            "Tous les trois ans, groupes, centres et spécialistes se retrouvent au congrès "
            "national." if fr else
            "Ogni tre anni gruppi, centri e specialisti si incontrano al congresso nazionale."),
        PARTNER_WEEK_INTRO: (
            "Matériel pour les collaboratrices et collaborateurs de la Ligue pulmonaire."
            if fr else "Materiale per le collaboratrici e i collaboratori della Lega polmonare."),
        ALLOWED_USES: (
            "Pour des campagnes en faveur de l'entraide, sans modifier le message." if fr
            else "Per campagne a favore dell'auto-aiuto, senza modificarne il messaggio."),
        CREDIT: "Entraide Suisse (démo)" if fr else "Entraide Svizzera (demo)",
        SPEAKER: "Voix de synthèse (espeak-ng)" if fr else "Voce sintetica (espeak-ng)",
        "Quadratische Kachel für Instagram, Facebook und LinkedIn.": (
            "Visuel carré pour Instagram, Facebook et LinkedIn." if fr
            else "Immagine quadrata per Instagram, Facebook e LinkedIn."),
        "Das Foto durfte nur bis Ende der Kampagne 2025 verwendet werden.": (
            "La photo ne pouvait être utilisée que jusqu'à la fin de la campagne 2025." if fr
            else "La foto poteva essere usata solo fino alla fine della campagna 2025."),
        "Eine Teilnehmerin erzählt, was ihr die Gruppe gibt.": (
            "Une participante raconte ce que le groupe lui apporte (en allemand)." if fr
            else "Una partecipante racconta che cosa le dà il gruppo (in tedesco)."),
        "Logo des Kongresses als SVG.": ("Logo du congrès en SVG." if fr
                                         else "Logo del congresso in SVG."),
        "Text für Newsletter und Website.": ("Texte pour newsletter et site web." if fr
                                             else "Testo per newsletter e sito web."),
        "Entwurf, nur für Partner.": ("Projet, réservé aux partenaires." if fr
                                      else "Bozza, solo per i partner."),
        "Sperrfrist beachten.": ("Respecter l'embargo." if fr else "Rispettare l'embargo."),
        data.SLOGAN["long"]: (
            "La Suisse compte quelque 3000 groupes d'entraide sur plus de 300 thèmes. Ils sont "
            "libres, confidentiels et le plus souvent gratuits. Lors de la journée nationale de "
            "l'entraide du 21 mai, groupes et centres régionaux invitent à des rencontres, des "
            "stands d'information et des réunions ouvertes. Plus forts ensemble : trouvez votre "
            "groupe sur entraide.ch." if fr else
            "In Svizzera esistono circa 3000 gruppi di auto-aiuto su oltre 300 temi. Sono "
            "liberi, confidenziali e perlopiù gratuiti. Alla giornata nazionale dell'auto-aiuto "
            "del 21 maggio gruppi e centri regionali invitano a incontri, bancarelle "
            "informative e riunioni aperte. Più forti insieme: trovate il vostro gruppo su "
            "entraide.ch."),
        INVITATION_SHORT: (
            "L'entraide, ça marche : congrès les 16 et 17 septembre 2027." if fr
            else "L'auto-aiuto funziona: congresso il 16 e 17 settembre 2027."),
        INVITATION_MEDIUM: (
            "Le congrès national de l'entraide réunit groupes, centres et spécialistes. "
            "Inscrivez-vous dès maintenant." if fr else
            "Il congresso nazionale dell'auto-aiuto riunisce gruppi, centri e specialisti. "
            "Iscrivetevi ora."),
        "Aktionswoche Atemwege: Luft zum Leben.": (
            "Semaine d'action voies respiratoires : de l'air pour vivre." if fr
            else "Settimana d'azione vie respiratorie: aria per vivere."),
        **{f"{colour} ({kind})": f"{translated} ({kind})"
           for colour, (fr_colour, it_colour) in COLOURS.items()
           for translated in [fr_colour if fr else it_colour] for kind in ("SVG", "PNG")},
        # addresses in the page's language (a German slug on a French page reads as foreign)
        **{slug: translated[0 if fr else 1] for slug, translated in SLUGS.items()},
    }
    return strings


SELF_HELP_DAY_INTRO = ("Am nationalen Selbsthilfetag öffnen Gruppen und Zentren in der ganzen "
                       "Schweiz ihre Türen. Hier finden Sie alles, um mitzumachen.")
CONGRESS_INTRO = ("Alle drei Jahre treffen sich Gruppen, Zentren und Fachleute zum nationalen "
                  "Kongress.")
PARTNER_WEEK_INTRO = "Material für die Mitarbeitenden der Lungenliga."
ALLOWED_USES = "Für Kampagnen zur Selbsthilfe, ohne Veränderung der Aussage."
SPEAKER = "Synthetische Stimme (espeak-ng)"
INVITATION_SHORT = "Selbsthilfe wirkt: Kongress am 16. und 17. September 2027."
INVITATION_MEDIUM = ("Der nationale Selbsthilfekongress bringt Gruppen, Zentren und Fachleute "
                     "zusammen. Melden Sie sich jetzt an.")
COLOURS = {"Weinrot": ("Bordeaux", "Bordò"), "Blau": ("Bleu", "Blu"),
           "Schwarz": ("Noir", "Nero")}
SLUGS = {  # German slug: (French, Italian)
    "radiospot-de": ("spot-radio-de", "spot-radio-de"),
    "radiospot-fr": ("spot-radio-fr", "spot-radio-fr"),
    "radiospot-it": ("spot-radio-it", "spot-radio-it"),
    "kurzfilm-gemeinsam-staerker": ("court-metrage-plus-forts-ensemble",
                                    "cortometraggio-piu-forti-insieme"),
    "silhouetten-gruppe": ("silhouettes-groupe", "sagome-gruppo"),
    "plakat-a4": ("affiche-a4", "manifesto-a4"),
    "social-media-kachel": ("visuel-reseaux-sociaux", "immagine-social-media"),
    "plakat-2025": ("affiche-2025", "manifesto-2025"),
    "erfahrungsbericht": ("temoignage", "testimonianza"),
    "kongress-logo": ("logo-congres", "logo-congresso"),
    "einladung": ("invitation", "invito"),
    "lungenliga-aktionswoche": ("semaine-action-voies-respiratoires",
                                "settimana-azione-vie-respiratorie"),
    "plakat-intern": ("affiche-interne", "manifesto-interno"),
    "medienmitteilung": ("communique-de-presse", "comunicato-stampa"),
}


LIBRARY_INTRO = ("Audio, Filme, Silhouetten, Visuals und freigegebene Texte, um die Selbsthilfe "
                 "bekannt zu machen: ansehen, kopieren, herunterladen.")


def _translate_tree(pages, locales):
    translated = []
    for code in ("fr", "it"):
        strings = _strings(code)
        for page in pages:
            if page.get_translation_or_none(locales[code]) is None:
                translated.append(translate(page, locales[code], strings).pk)
    return translated


def load():
    locales = ensure_locales(["de", "fr", "it"])
    home = HomePage.objects.filter(locale=locales["de"], depth=2).first()
    if home is None:
        raise RuntimeError("campaigns demo: load home.demo first (settings.DEMO_LOADERS)")
    today = timezone.localdate()
    files_collection = _collection("Kampagnenmaterial")
    library, _ = _child(home, CampaignIndexPage, "kampagnenmaterial", title="Kampagnenmaterial",
                        intro=LIBRARY_INTRO)
    day = _self_help_day(library, files_collection, today)
    congress = _congress(library, files_collection)
    partner_week, group = _partner_week(library)
    campaigns = [day, congress, partner_week]
    pages = [library, *campaigns,
             *[material for campaign in campaigns
               for material in MaterialPage.objects.child_of(campaign).order_by("path")]]
    translated = _translate_tree(pages, locales)
    for page in partner_week.get_translations(inclusive=True):
        _restrict_to(page, group)
    # translated slugs make Wagtail create redirects from addresses that never existed
    transaction.on_commit(lambda: Redirect.objects.filter(
        automatically_created=True, redirect_page_id__in=translated).delete())
