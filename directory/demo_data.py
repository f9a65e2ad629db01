"""The demo directory's data: centres, partner organisations and topics in German, French and
Italian, and the phrase templates that directory.demo combines into groups and online offers.

Every name, address and text here is invented for the demo (towns and postal codes are real,
streets, phone numbers and e-mail addresses are not: phone numbers use the unassigned
"000" block, e-mail addresses the reserved example.ch domain).
"""

SEED = 20240611
GROUP_COUNT = 300

DIRECTORY_INDEX = {
    "de": {"title": "Selbsthilfe finden", "slug": "selbsthilfe",
           "intro": "Selbsthilfegruppen und Online-Angebote in der ganzen Schweiz, nach Thema, "
                    "Ort und Sprache."},
    "fr": {"title": "Trouver un groupe", "slug": "entraide",
           "intro": "Groupes d'entraide et offres en ligne dans toute la Suisse, par thème, lieu "
                    "et langue."},
    "it": {"title": "Trovare un gruppo", "slug": "auto-aiuto",
           "intro": "Gruppi di auto-aiuto e offerte online in tutta la Svizzera, per tema, luogo "
                    "e lingua."},
}

# Exonyms of the towns whose names differ between the languages; other places keep their name.
PLACE_NAMES = {
    "Zürich": ("Zurich", "Zurigo"),
    "Bern": ("Berne", "Berna"),
    "Basel": ("Bâle", "Basilea"),
    "Luzern": ("Lucerne", "Lucerna"),
    "St. Gallen": ("Saint-Gall", "San Gallo"),
    "Chur": ("Coire", "Coira"),
    "Solothurn": ("Soleure", "Soletta"),
    "Schaffhausen": ("Schaffhouse", "Sciaffusa"),
    "Genève": ("Genève", "Ginevra"),
    "Fribourg": ("Fribourg", "Friburgo"),
    "Glarus": ("Glaris", "Glarona"),
    "Zug": ("Zoug", "Zugo"),
    "Schwyz": ("Schwytz", "Svitto"),
    "Frauenfeld": ("Frauenfeld", "Frauenfeld"),
    "Winterthur": ("Winterthour", "Winterthur"),
    "Sion": ("Sion", "Sion"),
}
GERMAN_PLACE_NAMES = {"Genève": "Genf", "Fribourg": "Freiburg", "Neuchâtel": "Neuenburg",
                      "Sion": "Sitten", "Delémont": "Delsberg"}

# Regional centres: (key, title, street, postal code, locality, phone, cantons served, language).
# Between them they serve all 26 cantons.
CENTRES = [
    ("zh", "Selbsthilfe Zürich", "Limmatstrasse 41", "8004", "Zürich", "044 000 21 10",
     ["ZH"], "de"),
    ("winterthur", "Selbsthilfe Winterthur", "Technikumstrasse 18", "8400", "Winterthur",
     "052 000 34 20", ["ZH"], "de"),
    ("be", "Selbsthilfe Bern", "Effingerstrasse 9", "3011", "Bern", "031 000 45 30",
     ["BE"], "de"),
    ("biel", "Selbsthilfe Biel-Seeland", "Zentralstrasse 52", "2502", "Biel/Bienne",
     "032 000 11 40", ["BE"], "de"),
    ("basel", "Selbsthilfe beider Basel", "Feldbergstrasse 24", "4051", "Basel",
     "061 000 56 50", ["BS", "BL"], "de"),
    ("ag", "Selbsthilfe Aargau", "Bahnhofstrasse 31", "5000", "Aarau", "062 000 67 60",
     ["AG"], "de"),
    ("so", "Selbsthilfe Solothurn", "Westbahnhofstrasse 7", "4500", "Solothurn",
     "032 000 78 70", ["SO"], "de"),
    ("lu", "Selbsthilfe Zentralschweiz", "Hirschengraben 15", "6003", "Luzern",
     "041 000 89 80", ["LU", "OW", "NW", "UR"], "de"),
    ("zg", "Selbsthilfe Zug", "Baarerstrasse 26", "6300", "Zug", "041 000 90 12",
     ["ZG"], "de"),
    ("sz", "Selbsthilfe Schwyz", "Herrengasse 3", "6430", "Schwyz", "041 000 13 24",
     ["SZ"], "de"),
    ("sg", "Selbsthilfe St. Gallen und Appenzell", "Rorschacher Strasse 22", "9000",
     "St. Gallen", "071 000 24 36", ["SG", "AI", "AR"], "de"),
    ("tg", "Selbsthilfe Thurgau", "Zürcherstrasse 140", "8500", "Frauenfeld",
     "052 000 35 48", ["TG"], "de"),
    ("sh", "Selbsthilfe Schaffhausen", "Vordergasse 61", "8200", "Schaffhausen",
     "052 000 46 50", ["SH"], "de"),
    ("gr", "Selbsthilfe Graubünden", "Gäuggelistrasse 8", "7000", "Chur", "081 000 57 62",
     ["GR"], "de"),
    ("gl", "Selbsthilfe Glarus", "Hauptstrasse 12", "8750", "Glarus", "055 000 68 74",
     ["GL"], "de"),
    ("ge", "Info-Entraide Genève", "Rue des Gares 14", "1205", "Genève", "022 000 79 86",
     ["GE"], "fr"),
    ("vd", "Entraide Vaud", "Avenue de la Gare 33", "1003", "Lausanne", "021 000 80 98",
     ["VD"], "fr"),
    ("fr", "Entraide Fribourg", "Rue de Romont 20", "1700", "Fribourg", "026 000 91 13",
     ["FR"], "fr"),
    ("ne", "Entraide Arc jurassien", "Rue du Seyon 10", "2000", "Neuchâtel", "032 000 12 25",
     ["NE", "JU"], "fr"),
    ("vs", "Entraide Valais", "Rue de Lausanne 45", "1950", "Sion", "027 000 23 37",
     ["VS"], "fr"),
    ("ti", "Auto Aiuto Ticino", "Via Pretorio 16", "6900", "Lugano", "091 000 34 49",
     ["TI"], "it"),
]

# How many groups each centre has, roughly: the population of its region in 100,000s.
CENTRE_WEIGHTS = {
    "zh": 11, "winterthur": 5, "be": 7, "biel": 3, "basel": 5, "ag": 7, "so": 3, "lu": 6,
    "zg": 2, "sz": 2, "sg": 6, "tg": 3, "sh": 1, "gr": 2, "gl": 1, "ge": 5, "vd": 8, "fr": 3,
    "ne": 3, "vs": 4, "ti": 4,
}

CENTRE_TEXTS = {
    "de": {
        "description": "Die Kontaktstelle für Selbsthilfe in der Region {region}: Wir vermitteln "
                       "Gruppen, beraten Interessierte und begleiten neue Gruppen beim Start.",
        "opening_hours": "Montag bis Donnerstag 9–12 und 14–17 Uhr, Freitag 9–12 Uhr",
    },
    "fr": {
        "description": "Le centre d'entraide de la région {region} : nous orientons vers les "
                       "groupes, conseillons les personnes intéressées et accompagnons la "
                       "création de nouveaux groupes.",
        "opening_hours": "Du lundi au jeudi de 9h à 12h et de 14h à 17h, le vendredi de 9h "
                         "à 12h",
    },
    "it": {
        "description": "Il centro di auto-aiuto della regione {region}: indirizziamo verso i "
                       "gruppi, consigliamo chi è interessato e accompagniamo la nascita di "
                       "nuovi gruppi.",
        "opening_hours": "Da lunedì a giovedì 9–12 e 14–17, venerdì 9–12",
    },
}

# Partner organisations: key, kind, website host, names and descriptions per language.
ORGANISATIONS = [
    {
        "key": "lungenliga", "kind": "league", "host": "lungenliga",
        "phone": "031 000 40 10",
        "de": ("Lungenliga", "Unterstützt Menschen mit Lungen- und Atemwegserkrankungen und "
               "ihre Angehörigen im Alltag."),
        "fr": ("Ligue pulmonaire", "Soutient au quotidien les personnes atteintes de maladies "
               "pulmonaires et respiratoires ainsi que leurs proches."),
        "it": ("Lega polmonare", "Sostiene nella vita quotidiana le persone con malattie "
               "polmonari e respiratorie e i loro familiari."),
    },
    {
        "key": "krebsliga", "kind": "league", "host": "krebsliga",
        "phone": "031 000 40 20",
        "de": ("Krebsliga", "Begleitet Menschen mit Krebs und ihre Nächsten: Beratung, "
               "Gesprächsgruppen und Austausch online."),
        "fr": ("Ligue contre le cancer", "Accompagne les personnes touchées par le cancer et "
               "leurs proches : conseil, groupes de parole et échanges en ligne."),
        "it": ("Lega contro il cancro", "Accompagna le persone malate di cancro e i loro cari: "
               "consulenza, gruppi di discussione e scambio online."),
    },
    {
        "key": "rheumaliga", "kind": "league", "host": "rheumaliga",
        "phone": "044 000 40 30",
        "de": ("Rheumaliga", "Für Menschen mit rheumatischen Erkrankungen: Bewegungskurse, "
               "Information und Selbsthilfe."),
        "fr": ("Ligue contre le rhumatisme", "Pour les personnes atteintes de maladies "
               "rhumatismales : cours de mouvement, information et entraide."),
        "it": ("Lega contro il reumatismo", "Per le persone con malattie reumatiche: corsi di "
               "movimento, informazione e auto-aiuto."),
    },
    {
        "key": "sucht", "kind": "association", "host": "netzwerk-sucht",
        "phone": "021 000 40 40",
        "de": ("Netzwerk Suchtfragen", "Fachverband für Suchtfragen: vermittelt Gruppen für "
               "Betroffene und Angehörige und betreibt Online-Angebote."),
        "fr": ("Réseau questions d'addiction", "Association spécialisée dans les addictions : "
               "oriente vers des groupes pour personnes concernées et proches et propose des "
               "offres en ligne."),
        "it": ("Rete questioni di dipendenza", "Associazione specializzata nelle dipendenze: "
               "indirizza verso gruppi per persone toccate e familiari e gestisce offerte "
               "online."),
    },
    {
        "key": "seelenwind", "kind": "foundation", "host": "seelenwind",
        "phone": "044 000 40 50",
        "de": ("Stiftung Seelenwind", "Setzt sich für die psychische Gesundheit ein und stärkt "
               "Betroffene und Angehörige mit Selbsthilfe und Peer-Angeboten."),
        "fr": ("Fondation Vent d'âme", "S'engage pour la santé psychique et renforce personnes "
               "concernées et proches par l'entraide et les offres de pairs."),
        "it": ("Fondazione Vento d'anima", "Si impegna per la salute psichica e sostiene "
               "persone toccate e familiari con l'auto-aiuto e le offerte tra pari."),
    },
]

# Topics: slug, parent slug, and (name, synonyms) in de, fr, it.
TOPICS = [
    ("psychische-gesundheit", None, ("Psychische Gesundheit", "Psyche, seelische Gesundheit"),
     ("Santé psychique", "santé mentale, psychisme"), ("Salute psichica", "salute mentale")),
    ("depression", "psychische-gesundheit", ("Depression", "Niedergeschlagenheit, depressiv"),
     ("Dépression", "déprime, dépressif"), ("Depressione", "depresso, umore basso")),
    ("angst", "psychische-gesundheit", ("Angst", "Angststörung, Panikattacken, Phobie"),
     ("Anxiété", "angoisse, crises de panique, phobie"), ("Ansia", "attacchi di panico, fobia")),
    ("burnout", "psychische-gesundheit", ("Burnout", "Erschöpfung, ausgebrannt"),
     ("Burnout", "épuisement professionnel"), ("Burnout", "esaurimento")),
    ("bipolare-stoerung", "psychische-gesundheit", ("Bipolare Störung", "manisch-depressiv"),
     ("Trouble bipolaire", "maniaco-dépressif"), ("Disturbo bipolare", "maniaco-depressivo")),
    ("zwangsstoerung", "psychische-gesundheit", ("Zwangsstörung", "Zwänge, Zwangsgedanken"),
     ("Trouble obsessionnel compulsif", "TOC"), ("Disturbo ossessivo-compulsivo", "DOC")),
    ("psychose", "psychische-gesundheit", ("Psychose", "Schizophrenie"),
     ("Psychose", "schizophrénie"), ("Psicosi", "schizofrenia")),
    ("essstoerungen", "psychische-gesundheit", ("Essstörungen", "Magersucht, Bulimie"),
     ("Troubles alimentaires", "anorexie, boulimie"), ("Disturbi alimentari", "anoressia, "
                                                         "bulimia")),
    ("sucht", None, ("Sucht", "Abhängigkeit"), ("Addiction", "dépendance"),
     ("Dipendenza", "assuefazione")),
    ("alkohol", "sucht", ("Alkohol", "Alkoholsucht, Alkoholabhängigkeit"),
     ("Alcool", "alcoolisme, dépendance à l'alcool"), ("Alcol", "alcolismo")),
    ("gluecksspiel", "sucht", ("Glücksspiel", "Spielsucht, Geldspiel"),
     ("Jeu excessif", "jeu d'argent, addiction au jeu"), ("Gioco d'azzardo", "ludopatia")),
    ("medikamente", "sucht", ("Medikamentenabhängigkeit", "Schlafmittel, Schmerzmittel"),
     ("Dépendance aux médicaments", "somnifères, antidouleurs"),
     ("Dipendenza da farmaci", "sonniferi, antidolorifici")),
    ("angehoerige-sucht", "sucht", ("Angehörige von Suchtkranken", "Co-Abhängigkeit"),
     ("Proches de personnes dépendantes", "codépendance"),
     ("Familiari di persone dipendenti", "codipendenza")),
    ("krebs", None, ("Krebs", "Tumor, Krebserkrankung, Onkologie"),
     ("Cancer", "tumeur, oncologie"), ("Cancro", "tumore, oncologia")),
    ("brustkrebs", "krebs", ("Brustkrebs", "Mammakarzinom"), ("Cancer du sein", "tumeur du sein"),
     ("Cancro al seno", "tumore al seno")),
    ("prostatakrebs", "krebs", ("Prostatakrebs", "Prostatakarzinom"),
     ("Cancer de la prostate", "tumeur de la prostate"),
     ("Cancro alla prostata", "tumore alla prostata")),
    ("darmkrebs", "krebs", ("Darmkrebs", "Kolonkarzinom, Stoma"),
     ("Cancer colorectal", "cancer du côlon, stomie"), ("Cancro al colon", "stomia")),
    ("leukaemie", "krebs", ("Leukämie und Lymphome", "Blutkrebs"),
     ("Leucémie et lymphomes", "cancer du sang"), ("Leucemia e linfomi", "tumore del sangue")),
    ("lungenkrankheiten", None, ("Lungenkrankheiten", "Atemwegserkrankungen"),
     ("Maladies pulmonaires", "maladies respiratoires"),
     ("Malattie polmonari", "malattie respiratorie")),
    ("copd", "lungenkrankheiten", ("COPD", "chronische Bronchitis, Lungenemphysem"),
     ("BPCO", "bronchite chronique, emphysème"), ("BPCO", "bronchite cronica, enfisema")),
    ("asthma", "lungenkrankheiten", ("Asthma", "Atemnot"), ("Asthme", "essoufflement"),
     ("Asma", "affanno")),
    ("schlafapnoe", "lungenkrankheiten", ("Schlafapnoe", "Atemaussetzer, CPAP"),
     ("Apnée du sommeil", "CPAP"), ("Apnea notturna", "CPAP")),
    ("chronische-krankheiten", None, ("Chronische Krankheiten", "Langzeiterkrankung"),
     ("Maladies chroniques", "maladie de longue durée"),
     ("Malattie croniche", "malattia di lunga durata")),
    ("rheuma", "chronische-krankheiten", ("Rheuma", "Arthritis, Arthrose, Gelenkschmerzen"),
     ("Rhumatisme", "arthrite, arthrose"), ("Reumatismo", "artrite, artrosi")),
    ("diabetes", "chronische-krankheiten", ("Diabetes", "Zuckerkrankheit"),
     ("Diabète", "glycémie"), ("Diabete", "glicemia")),
    ("epilepsie", "chronische-krankheiten", ("Epilepsie", "Anfallsleiden"),
     ("Épilepsie", "crises d'épilepsie"), ("Epilessia", "crisi epilettiche")),
    ("long-covid", "chronische-krankheiten", ("Long Covid", "Post-Covid, ME/CFS"),
     ("Covid long", "post-Covid, syndrome de fatigue chronique"),
     ("Long Covid", "post-Covid, sindrome da fatica cronica")),
    ("multiple-sklerose", "chronische-krankheiten", ("Multiple Sklerose", "MS"),
     ("Sclérose en plaques", "SEP"), ("Sclerosi multipla", "SM")),
    ("parkinson", "chronische-krankheiten", ("Parkinson", "Morbus Parkinson"),
     ("Parkinson", "maladie de Parkinson"), ("Parkinson", "morbo di Parkinson")),
    ("chronische-schmerzen", "chronische-krankheiten", ("Chronische Schmerzen", "Fibromyalgie"),
     ("Douleurs chroniques", "fibromyalgie"), ("Dolore cronico", "fibromialgia")),
    ("darmerkrankungen", "chronische-krankheiten",
     ("Chronisch entzündliche Darmerkrankungen", "Morbus Crohn, Colitis ulcerosa"),
     ("Maladies inflammatoires de l'intestin", "maladie de Crohn, rectocolite"),
     ("Malattie infiammatorie intestinali", "morbo di Crohn, colite ulcerosa")),
    ("tinnitus", "chronische-krankheiten", ("Tinnitus", "Ohrgeräusche, Hörverlust"),
     ("Acouphènes", "sifflements d'oreille, perte auditive"),
     ("Acufene", "fischi alle orecchie, perdita dell'udito")),
    ("seltene-krankheiten", None, ("Seltene Krankheiten", "Orphan Disease, seltene Erkrankung"),
     ("Maladies rares", "maladie orpheline"), ("Malattie rare", "malattia orfana")),
    ("trauer", None, ("Trauer", "Verlust, Tod eines Angehörigen"),
     ("Deuil", "perte d'un proche"), ("Lutto", "perdita di una persona cara")),
    ("verwaiste-eltern", "trauer", ("Verwaiste Eltern", "Tod eines Kindes, Sternenkinder"),
     ("Parents endeuillés", "décès d'un enfant"), ("Genitori in lutto", "morte di un figlio")),
    ("suizid-hinterbliebene", "trauer", ("Hinterbliebene nach Suizid", "Suizid"),
     ("Endeuillés par suicide", "suicide"), ("Superstiti di suicidio", "suicidio")),
    ("familie", None, ("Familie und Angehörige", "Angehörige, Familie"),
     ("Famille et proches", "proches, famille"), ("Famiglia e familiari", "familiari")),
    ("pflegende-angehoerige", "familie", ("Pflegende Angehörige", "Betreuung, Pflege zu Hause"),
     ("Proches aidants", "soins à domicile"), ("Familiari curanti", "assistenza a domicilio")),
    ("demenz", "familie", ("Angehörige von Menschen mit Demenz", "Alzheimer, Demenz"),
     ("Proches de personnes atteintes de démence", "Alzheimer, démence"),
     ("Familiari di persone con demenza", "Alzheimer, demenza")),
    ("angehoerige-psychisch", "familie", ("Angehörige psychisch erkrankter Menschen",
                                          "Angehörige, psychische Krankheit"),
     ("Proches de personnes souffrant de troubles psychiques", "proches, maladie psychique"),
     ("Familiari di persone con disturbi psichici", "familiari, malattia psichica")),
    ("alleinerziehende", "familie", ("Alleinerziehende", "Einelternfamilie"),
     ("Familles monoparentales", "parent seul"), ("Famiglie monoparentali", "genitore solo")),
    ("lebenskrisen", None, ("Lebenskrisen", "schwierige Lebenssituation"),
     ("Crises de vie", "situation de vie difficile"), ("Crisi di vita", "situazione difficile")),
    ("trennung", "lebenskrisen", ("Trennung und Scheidung", "Scheidung"),
     ("Séparation et divorce", "divorce"), ("Separazione e divorzio", "divorzio")),
    ("einsamkeit", "lebenskrisen", ("Einsamkeit", "Isolation, allein"),
     ("Solitude", "isolement"), ("Solitudine", "isolamento")),
    ("arbeitslosigkeit", "lebenskrisen", ("Arbeitslosigkeit", "Stellensuche, Erwerbslosigkeit"),
     ("Chômage", "recherche d'emploi"), ("Disoccupazione", "ricerca di lavoro")),
]

# Topics local groups are about, with how often they occur (broad topics are for filtering).
GROUP_TOPICS = {
    "depression": 14, "angst": 8, "burnout": 6, "bipolare-stoerung": 4, "zwangsstoerung": 2,
    "psychose": 2, "essstoerungen": 4, "alkohol": 10, "gluecksspiel": 4, "medikamente": 2,
    "angehoerige-sucht": 8, "brustkrebs": 6, "prostatakrebs": 4, "darmkrebs": 3,
    "leukaemie": 2, "copd": 4, "asthma": 2, "schlafapnoe": 2, "rheuma": 5, "diabetes": 5,
    "epilepsie": 3, "long-covid": 5, "multiple-sklerose": 3, "parkinson": 3,
    "chronische-schmerzen": 4, "darmerkrankungen": 2, "tinnitus": 2, "seltene-krankheiten": 3,
    "trauer": 6, "verwaiste-eltern": 3, "suizid-hinterbliebene": 2, "pflegende-angehoerige": 7,
    "demenz": 5, "angehoerige-psychisch": 5, "alleinerziehende": 3, "trennung": 4,
    "einsamkeit": 3, "arbeitslosigkeit": 2,
}
# Groups for relatives that the random draw above did not make but searches are judged on
# (search/relevance): (centre key, topic slug, postal code, locality). Numbered after the
# random groups.
RELATIVES_GROUPS = [
    ("be", "krebs", "3011", "Bern"),
    ("be", "brustkrebs", "3600", "Thun"),
    ("vd", "krebs", "1003", "Lausanne"),
    ("ti", "krebs", "6900", "Lugano"),
]
# Topics whose groups are for relatives by their nature.
RELATIVES_TOPICS = {"angehoerige-sucht", "pflegende-angehoerige", "demenz",
                    "angehoerige-psychisch", "verwaiste-eltern", "suizid-hinterbliebene"}
# Groups on these topics are often run with a partner organisation.
TOPIC_ORGANISATION = {
    "copd": "lungenliga", "asthma": "lungenliga", "schlafapnoe": "lungenliga",
    "brustkrebs": "krebsliga", "prostatakrebs": "krebsliga", "darmkrebs": "krebsliga",
    "leukaemie": "krebsliga", "rheuma": "rheumaliga", "chronische-schmerzen": "rheumaliga",
    "alkohol": "sucht", "gluecksspiel": "sucht", "medikamente": "sucht",
    "angehoerige-sucht": "sucht", "depression": "seelenwind", "bipolare-stoerung": "seelenwind",
    "angehoerige-psychisch": "seelenwind",
}

GROUP_TITLES = {
    "affected": {"de": "Selbsthilfegruppe {topic} {place}",
                 "fr": "Groupe d'entraide {topic} {place}",
                 "it": "Gruppo di auto-aiuto {topic} {place}"},
    "relatives": {"de": "Angehörigengruppe {topic} {place}",
                  "fr": "Groupe pour proches {topic} {place}",
                  "it": "Gruppo per familiari {topic} {place}"},
    "youth": {"de": "Junge Selbsthilfe {topic} {place}",
              "fr": "Groupe jeunes {topic} {place}",
              "it": "Gruppo giovani {topic} {place}"},
}
GROUP_SUMMARIES = {
    "affected": {"de": "Betroffene tauschen Erfahrungen zum Thema {topic} aus und stärken "
                       "sich gegenseitig.",
                 "fr": "Des personnes concernées par le thème « {topic} » échangent leurs "
                       "expériences et se soutiennent.",
                 "it": "Persone toccate dal tema «{topic}» si scambiano esperienze e si "
                       "sostengono a vicenda."},
    "relatives": {"de": "Für Angehörige und Freunde: Austausch zum Thema {topic}, Entlastung "
                        "und gegenseitige Unterstützung.",
                  "fr": "Pour les proches et les amis : échanges sur le thème « {topic} », "
                        "répit et soutien mutuel.",
                  "it": "Per familiari e amici: scambio sul tema «{topic}», sollievo e "
                        "sostegno reciproco."},
    "both": {"de": "Betroffene und Angehörige treffen sich zum Thema {topic}.",
             "fr": "Personnes concernées et proches se retrouvent autour du thème « {topic} ».",
             "it": "Persone toccate e familiari si incontrano sul tema «{topic}»."},
}
GROUP_DESCRIPTIONS = {
    "de": ["<p>Wir treffen uns regelmässig in einem geschützten Rahmen. Was in der Gruppe "
           "gesagt wird, bleibt in der Gruppe.</p>",
           "<p>Neue Teilnehmende melden sich bitte zuerst beim Selbsthilfezentrum; es stellt "
           "den Kontakt zur Gruppe her.</p>"],
    "fr": ["<p>Nous nous retrouvons régulièrement dans un cadre protégé. Ce qui se dit dans le "
           "groupe reste dans le groupe.</p>",
           "<p>Les nouvelles personnes s'adressent d'abord au centre d'entraide, qui établit le "
           "contact avec le groupe.</p>"],
    "it": ["<p>Ci incontriamo regolarmente in un ambiente protetto. Ciò che si dice nel gruppo "
           "resta nel gruppo.</p>",
           "<p>Chi desidera partecipare si rivolge prima al centro di auto-aiuto, che mette in "
           "contatto con il gruppo.</p>"],
}

# Schedules: (weekday, ordinal or None for weekly, time) rendered per language.
WEEKDAYS = {
    "de": ["Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag"],
    "fr": ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"],
    "it": ["lunedì", "martedì", "mercoledì", "giovedì", "venerdì", "sabato"],
}
ORDINALS = {
    "fr": {1: "1er", 2: "2e", 3: "3e", 4: "4e"},
    "it": {1: "primo", 2: "secondo", 3: "terzo", 4: "quarto"},
}
MEETING_TIMES = ["09:30", "14:00", "17:30", "18:00", "18:30", "19:00", "19:30", "20:00"]

MEETING_PLACES = [
    ("Kirchgemeindehaus, Saal 2", "Maison de paroisse, salle 2", "Casa parrocchiale, sala 2"),
    ("Gemeinschaftszentrum, 1. Stock", "Centre de quartier, 1er étage",
     "Centro di quartiere, primo piano"),
    ("Räume des Selbsthilfezentrums", "Locaux du centre d'entraide",
     "Locali del centro di auto-aiuto"),
    ("Spital, Sitzungszimmer Erdgeschoss", "Hôpital, salle de réunion au rez-de-chaussée",
     "Ospedale, sala riunioni al pianterreno"),
    ("Quartiertreff", "Maison de quartier", "Ritrovo di quartiere"),
    ("Familienzentrum, Gruppenraum", "Centre familial, salle de groupe",
     "Centro famiglie, sala di gruppo"),
]
STREETS = {
    "de": ["Bahnhofstrasse", "Kirchgasse", "Schulhausstrasse", "Dorfstrasse", "Hauptgasse"],
    "fr": ["Rue de la Gare", "Rue de l'Église", "Chemin des Écoliers", "Grand-Rue",
           "Rue du Collège"],
    "it": ["Via Stazione", "Via Chiesa", "Via Scuole", "Via Cantonale", "Piazza Grande"],
}
COST_NOTES = {
    "contribution": ("Unkostenbeitrag Fr. 5.– pro Treffen",
                     "Participation aux frais de 5 francs par rencontre",
                     "Contributo spese di 5 franchi per incontro"),
    "fee": ("Fr. 20.– pro Treffen, Ermässigung möglich",
            "20 francs par rencontre, réduction possible",
            "20 franchi per incontro, riduzione possibile"),
}

# Online offers: (organisation or centre key, topic slug, kind, languages).
ONLINE_OFFERS = [
    ("lungenliga", "copd", "forum", ["de", "fr", "it"]),
    ("lungenliga", "asthma", "chat", ["de", "fr"]),
    ("lungenliga", "schlafapnoe", "mailing_list", ["de"]),
    ("krebsliga", "brustkrebs", "forum", ["de", "fr", "it"]),
    ("krebsliga", "prostatakrebs", "video", ["de", "fr"]),
    ("krebsliga", "krebs", "chat", ["de", "fr", "it"]),
    ("krebsliga", "darmkrebs", "mailing_list", ["de", "fr"]),
    ("rheumaliga", "rheuma", "video", ["de", "fr"]),
    ("rheumaliga", "chronische-schmerzen", "forum", ["de"]),
    ("sucht", "alkohol", "chat", ["de", "fr", "it"]),
    ("sucht", "gluecksspiel", "forum", ["de", "fr"]),
    ("sucht", "angehoerige-sucht", "video", ["de", "fr"]),
    ("seelenwind", "depression", "forum", ["de", "fr", "it"]),
    ("seelenwind", "angst", "video", ["de", "fr"]),
    ("seelenwind", "angehoerige-psychisch", "mailing_list", ["de", "fr"]),
    ("zh", "long-covid", "video", ["de"]),
    ("be", "burnout", "video", ["de"]),
    ("basel", "seltene-krankheiten", "mailing_list", ["de"]),
    ("ge", "trauer", "video", ["fr"]),
    ("vd", "essstoerungen", "forum", ["fr"]),
    ("ti", "pflegende-angehoerige", "video", ["it"]),
    ("gr", "einsamkeit", "chat", ["de"]),
]

ONLINE_TITLES = {
    "forum": {"de": "Online-Forum {topic}", "fr": "Forum en ligne {topic}",
              "it": "Forum online {topic}"},
    "video": {"de": "Videogruppe {topic}", "fr": "Groupe vidéo {topic}",
              "it": "Gruppo video {topic}"},
    "chat": {"de": "Chat {topic}", "fr": "Chat {topic}", "it": "Chat {topic}"},
    "mailing_list": {"de": "Mailingliste {topic}", "fr": "Liste de diffusion {topic}",
                     "it": "Mailing list {topic}"},
}
# "(auf Französisch)": the language an online offer is held in, named in each site language.
HELD_IN = {
    "de": {"de": "auf Deutsch", "fr": "en allemand", "it": "in tedesco"},
    "fr": {"de": "auf Französisch", "fr": "en français", "it": "in francese"},
    "it": {"de": "auf Italienisch", "fr": "en italien", "it": "in italiano"},
}
ONLINE_SUMMARIES = {
    "forum": {"de": "Austausch rund um die Uhr zum Thema {topic}, auf Wunsch anonym.",
              "fr": "Échanges à toute heure sur le thème « {topic} », anonymement si vous le "
                    "souhaitez.",
              "it": "Scambio a qualsiasi ora sul tema «{topic}», anche in forma anonima."},
    "video": {"de": "Treffen per Video zum Thema {topic}, begleitet von einer Fachperson.",
              "fr": "Rencontres par vidéo sur le thème « {topic} », accompagnées par une "
                    "personne spécialisée.",
              "it": "Incontri in video sul tema «{topic}», accompagnati da una persona "
                    "specializzata."},
    "chat": {"de": "Moderierter Gruppenchat zum Thema {topic}, jeden Abend von 19 bis 21 Uhr.",
             "fr": "Chat de groupe modéré sur le thème « {topic} », chaque soir de 19h à 21h.",
             "it": "Chat di gruppo moderata sul tema «{topic}», ogni sera dalle 19 alle 21."},
    "mailing_list": {"de": "Mailingliste zum Thema {topic}: Fragen stellen, Erfahrungen "
                           "teilen.",
                     "fr": "Liste de diffusion sur le thème « {topic} » : poser des questions, "
                           "partager des expériences.",
                     "it": "Mailing list sul tema «{topic}»: fare domande, condividere "
                           "esperienze."},
}

# Topics whose pages and offers show the crisis helplines (Topic.shows_crisis_help).
CRISIS_HELP_TOPICS = {"psychische-gesundheit", "depression", "bipolare-stoerung", "psychose",
                      "essstoerungen", "suizid-hinterbliebene", "lebenskrisen"}
