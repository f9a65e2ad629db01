"""Words of the demo campaigns, shared by the demo loader and by the script that generated the
demo files (demo_media/generate.py): what the spots say is their transcript."""

SPOT = {
    "de": ("Gemeinsam stärker. Am nationalen Selbsthilfetag, dem 21. Mai, öffnen "
           "Selbsthilfegruppen in der ganzen Schweiz ihre Türen. Niemand muss allein bleiben. "
           "Finden Sie Ihre Gruppe auf entraide punkt c h."),
    "fr": ("Plus forts ensemble. Lors de la journée nationale de l'entraide, le 21 mai, les "
           "groupes d'entraide de toute la Suisse ouvrent leurs portes. Personne ne doit rester "
           "seul. Trouvez votre groupe sur entraide point c h."),
    "it": ("Più forti insieme. Alla giornata nazionale dell'auto-aiuto, il 21 maggio, i gruppi "
           "di auto-aiuto di tutta la Svizzera aprono le loro porte. Nessuno deve restare solo. "
           "Trovate il vostro gruppo su entraide punto c h."),
}

TESTIMONY_DE = (
    "Nach der Diagnose fühlte ich mich sehr allein. In der Gruppe habe ich Menschen getroffen, "
    "die verstehen, wovon ich spreche. Heute gebe ich diese Erfahrung weiter.")

# the film speaks the German spot; its subtitles, cue by cue
FILM_CUES = [
    ("00:00.000", "00:03.500", {
        "de": "Gemeinsam stärker.",
        "fr": "Plus forts ensemble.",
        "it": "Più forti insieme."}),
    ("00:03.500", "00:09.000", {
        "de": "Am nationalen Selbsthilfetag öffnen Gruppen in der ganzen Schweiz ihre Türen.",
        "fr": "Lors de la journée de l'entraide, les groupes de toute la Suisse ouvrent "
              "leurs portes.",
        "it": "Alla giornata dell'auto-aiuto i gruppi di tutta la Svizzera aprono le porte."}),
    ("00:09.000", "00:14.000", {
        "de": "Niemand muss allein bleiben.",
        "fr": "Personne ne doit rester seul.",
        "it": "Nessuno deve restare solo."}),
]
FILM_SPEECH_DE = ("Gemeinsam stärker. Am nationalen Selbsthilfetag öffnen Gruppen in der ganzen "
                  "Schweiz ihre Türen. Niemand muss allein bleiben.")

SLOGAN = {
    "short": "Gemeinsam stärker – Selbsthilfe verbindet.",
    "medium": ("Am nationalen Selbsthilfetag vom 21. Mai öffnen Selbsthilfegruppen in der ganzen "
               "Schweiz ihre Türen. Kommen Sie vorbei: Niemand muss allein bleiben."),
    "long": ("Rund 3000 Selbsthilfegruppen gibt es in der Schweiz, zu über 300 Themen. Sie sind "
             "freiwillig, vertraulich und meist kostenlos. Am nationalen Selbsthilfetag vom "
             "21. Mai laden Gruppen und regionale Selbsthilfezentren zu Begegnungen, "
             "Infoständen und offenen Treffen ein. Gemeinsam stärker: Finden Sie Ihre Gruppe "
             "auf entraide.ch."),
}
