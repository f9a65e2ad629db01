"""Demo crisis help (settings.DEMO_LOADERS): the real Swiss numbers 143, 147 and 144 under
their official names, and crisis words, in German, French and Italian. Idempotent: a
helpline is found again by its number, a set of words by its name.

The helplines are wagtail-localize translations of the German ones (the names are
translations); the words are copies per language, as the directory's topic synonyms are:
people in crisis use different words in each language, not translations of the German ones."""

from home.translation import ensure_locales, translate

from .models import CrisisHelpline, CrisisTerm

LANGUAGES = ["de", "fr", "it"]

# phone, web address, then (name, description) in German, French and Italian
HELPLINES = [
    ("143", "https://www.143.ch/",
     ("Die Dargebotene Hand", "Anonym, rund um die Uhr. Auch per Chat und E-Mail."),
     ("La Main Tendue", "Anonyme, 24 heures sur 24. Aussi par chat et par e-mail."),
     ("Telefono Amico", "Anonimo, 24 ore su 24. Anche via chat ed e-mail.")),
    ("147", "https://www.147.ch/",
     ("Pro Juventute Beratung + Hilfe 147",
      "Für Kinder und Jugendliche: anonym und kostenlos, rund um die Uhr. Auch per Chat, SMS "
      "und E-Mail."),
     ("Pro Juventute Conseils + aide 147",
      "Pour les enfants et les jeunes : anonyme et gratuit, 24 heures sur 24. Aussi par "
      "chat, SMS et e-mail."),
     ("Pro Juventute Consulenza + aiuto 147",
      "Per bambini e giovani: anonimo e gratuito, 24 ore su 24. Anche via chat, SMS ed "
      "e-mail.")),
    ("144", "",
     ("Notruf 144", "Sanitätsnotruf, wenn ein Leben in Gefahr ist."),
     ("Urgences 144", "Urgences sanitaires, quand une vie est en danger."),
     ("Emergenza 144", "Emergenza sanitaria, quando una vita è in pericolo.")),
]

# a name, then the words in German, French and Italian (see CrisisTerm.words)
TERMS = [
    ("Suizid",
     "*suizid*, *selbstmord*, Selbsttötung, sich umbringen, mich umbringen, "
     "sich das Leben nehmen, mir das Leben nehmen, nicht mehr leben, nicht mehr leben wollen, "
     "sterben wollen, will sterben, lebensmüde*",
     "*suicid*, me tuer, se tuer, mettre fin à mes jours, mettre fin à ses jours, "
     "en finir avec la vie, ne plus vouloir vivre, plus envie de vivre, envie de mourir, "
     "veux mourir",
     "*suicid*, togliermi la vita, togliersi la vita, farla finita, uccidermi, ammazzarmi, "
     "voglio morire, non voglio più vivere"),
    ("Krise und Notfall",
     "*krise*, Notfall*, Notfälle, Notruf",
     "urgence*, en crise, détresse, au secours",
     "emergenz*, in crisi, aiuto urgente"),
    ("Selbstverletzung",
     "selbstverletz*, ritzen",
     "automutilation*, scarification*, me faire du mal",
     "autolesion*, farmi del male"),
]


def load():
    locales = ensure_locales(LANGUAGES)
    for order, (phone, url, *texts) in enumerate(HELPLINES, start=1):
        _helpline(locales, order, phone, url, texts)
    for name, *words in TERMS:
        _terms(locales, name, words)


def _helpline(locales, order, phone, url, texts):
    (name, description), *translated = texts
    source = CrisisHelpline.objects.filter(locale=locales["de"], phone=phone).first()
    if source is None:
        source = CrisisHelpline.objects.create(locale=locales["de"], phone=phone, url=url,
                                               name=name, description=description,
                                               sort_order=order)
    for code, (other_name, other_description) in zip(LANGUAGES[1:], translated, strict=True):
        if source.has_translation(locales[code]):
            continue
        translate(source, locales[code], {name: other_name, description: other_description})


def _terms(locales, name, words):
    source = CrisisTerm.objects.filter(locale=locales["de"], name=name).first()
    if source is None:
        source = CrisisTerm.objects.create(locale=locales["de"], name=name, words=words[0])
    for code, other_words in zip(LANGUAGES[1:], words[1:], strict=True):
        if source.has_translation(locales[code]):
            continue
        copy = source.copy_for_translation(locales[code])
        copy.words = other_words
        copy.save()
