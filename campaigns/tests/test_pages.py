"""What a visitor sees and takes in the library: players, transcripts, subtitles, copy
buttons, renditions, ZIPs; expired material is gone everywhere."""

import datetime
import io
import zipfile

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone
from PIL import Image as PILImage

from campaigns.models import DownloadCount, MaterialPage, MaterialSubtitle

from .factories import (
    VTT,
    MaterialPageFactory,
    document,
    image_file,
    make_library,
    media,
    zip_names,
)

pytestmark = pytest.mark.django_db


def html(response):
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")


def body(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_campaign_page_plays_audio_with_transcript_and_video_with_subtitles(client, library):
    campaign = library["campaign"]
    MaterialPageFactory(parent=campaign, title="Radiospot", material_type="audio",
                        media=media("audio"), language="de",
                        transcript="Niemand muss allein bleiben.")
    film = MaterialPageFactory(parent=campaign, title="Kurzfilm", material_type="film",
                               media=media("video"), image=image_file("poster.png"))
    MaterialSubtitle.objects.create(page=film, language="fr",
                                    document=document("film-fr.vtt", VTT))

    page = html(client.get(campaign.url))

    audio = page.find("audio")
    assert audio and client.get(audio["src"]).status_code == 200
    assert "Niemand muss allein bleiben." in page.find(class_="transcript").get_text()
    track = page.find("video").find("track", kind="subtitles")
    assert track["srclang"] == "fr"
    subtitles = client.get(track["src"])
    assert subtitles["Content-Type"].startswith("text/vtt")
    assert body(subtitles).startswith(b"WEBVTT")


def test_a_campaign_page_with_pictures_and_a_film_opens_again_and_again(client, library):
    campaign = library["campaign"]
    MaterialPageFactory(parent=campaign, title="Plakat", material_type="visual",
                        image=image_file("plakat.png"))
    MaterialPageFactory(parent=campaign, title="Kurzfilm", material_type="film",
                        media=media("video"), image=image_file("poster.png"))

    views = [client.get(campaign.url) for _ in range(3)]

    assert [response.status_code for response in views] == [200, 200, 200]
    page = html(views[-1])
    assert page.find("img", class_="material-preview__image")["src"].endswith(".png")
    assert page.find("video")["poster"]


def test_text_element_has_a_copy_button_for_each_version(client, library):
    material = MaterialPageFactory(parent=library["campaign"], text_short="Kurz und klar.",
                                   text_long="Lang und ausführlich.",
                                   approved_on=datetime.date(2026, 3, 1))

    page = html(client.get(material.url))

    buttons = page.select(".text-versions button.copy-button")
    assert len(buttons) == 2
    assert all(page.find(id=b["data-copy-status"])["aria-live"] == "polite" for b in buttons)
    copied = [page.find(id=button["data-copy-target"]).get_text() for button in buttons]
    assert copied == ["Kurz und klar.", "Lang und ausführlich."]
    assert page.find("time", datetime="2026-03-01")


def test_external_film_loads_nothing_from_youtube_before_consent(client, library):
    material = MaterialPageFactory(parent=library["campaign"], material_type="film",
                                   external_video_url="https://www.youtube.com/watch?v=abcdefghijk")

    page = html(client.get(material.url))

    assert not page.find("iframe")
    assert page.find(class_="video-consent")["data-youtube-id"] == "abcdefghijk"


def test_rendition_download_converts_and_counts(client, library):
    material = MaterialPageFactory(parent=library["campaign"], material_type="visual",
                                   image=image_file("plakat.png"))
    page = html(client.get(material.url))
    link = next(a["href"] for a in page.select(".downloads a") if a["href"].endswith("/webp/"))

    response = client.get(link)

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert PILImage.open(io.BytesIO(body(response))).format == "WEBP"
    assert DownloadCount.objects.get(material=material).count == 1


def test_campaign_zip_holds_every_file_text_and_rights(client, library):
    campaign = library["campaign"]
    MaterialPageFactory(parent=campaign, slug="spot", material_type="audio",
                        media=media("audio"), credit_line="Foto: Entraide")
    MaterialPageFactory(parent=campaign, slug="slogan", text_short="Gemeinsam stärker.")
    silhouette = MaterialPageFactory(parent=campaign, slug="figur", material_type="silhouette",
                                     image=image_file("figur.png"))

    response = client.get(campaign.url + "zip/")

    assert response.status_code == 200 and response.streaming
    archive = zipfile.ZipFile(io.BytesIO(body(response)))
    names = set(archive.namelist())
    rights = next(name for name in names if "/" not in name)
    assert names - {rights} == {"audio/spot.wav", "text/slogan.txt", "silhouette/figur.png"}
    assert "Gemeinsam stärker." in archive.read("text/slogan.txt").decode()
    assert archive.read("silhouette/figur.png") == silhouette.image.file.open("rb").read()
    assert "Foto: Entraide" in archive.read(rights).decode()
    assert archive.testzip() is None


def test_selection_zip_holds_only_the_chosen_materials(client, library):
    chosen = MaterialPageFactory(parent=library["campaign"], slug="gewaehlt")
    MaterialPageFactory(parent=library["campaign"], slug="andere")

    expired = MaterialPageFactory(parent=library["campaign"], slug="abgelaufen",
                                  expires_on=timezone.localdate() - datetime.timedelta(days=1))
    zip_url = library["library"].url + "zip/"

    assert zip_names(client.get(zip_url, {"material": [chosen.pk, expired.pk]})) == {
        "text/gewaehlt.txt"}
    assert client.get(zip_url, {"material": [expired.pk]}).status_code == 404
    assert client.get(zip_url).status_code == 400
    assert client.get(zip_url, {"material": ["x"]}).status_code == 400


@pytest.mark.parametrize("value", ["12345678901234567890123", "-5", "0", "2147483648",
                                   "9223372036854775808", "1" * 5000, "1.5", "٣", ""])
def test_a_selection_with_an_id_no_page_can_have_is_refused_clearly(client, library, value):
    chosen = MaterialPageFactory(parent=library["campaign"])

    response = client.get(library["library"].url + "zip/",
                          {"material": [str(chosen.pk), value]})

    assert response.status_code == 400
    assert "Die Auswahl ist ungültig." in response.text


@pytest.mark.parametrize("header", ["bytes=" + "9" * 30 + "-", "bytes=-" + "9" * 5000])
def test_a_media_player_asking_for_an_impossible_range_gets_the_file_or_416(client, library,
                                                                             header):
    spot = MaterialPageFactory(parent=library["campaign"], material_type="audio",
                               media=media("audio"))

    response = client.get(spot.url + "play/media/", headers={"Range": header})

    assert response.status_code in (200, 416)


def test_expired_material_is_gone_from_listing_page_download_zip_and_search(client, library):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    campaign = library["campaign"]
    expired = MaterialPageFactory(parent=campaign, title="Altes Plakat", slug="alt",
                                  material_type="visual", image=image_file("alt.png"),
                                  expires_on=yesterday)
    MaterialPageFactory(parent=campaign, title="Neues Plakat", slug="neu",
                        expires_on=timezone.localdate())

    listing = html(client.get(library["library"].url)).get_text()
    assert "Neues Plakat" in listing and "Altes Plakat" not in listing
    assert "Altes Plakat" not in html(client.get(campaign.url)).get_text()
    assert client.get(expired.url).status_code == 404
    assert client.get(expired.url + "download/image/").status_code == 404
    assert client.get(expired.url + "rendition/web/png/").status_code == 404
    assert zip_names(client.get(campaign.url + "zip/")) == {"text/neu.txt"}
    searched = html(client.get(library["library"].url, {"q": "Plakat"})).get_text()
    assert "Neues Plakat" in searched and "Altes Plakat" not in searched


def test_the_sitemap_leaves_out_material_whose_rights_have_expired(client, library):
    campaign = library["campaign"]
    MaterialPageFactory(parent=campaign, slug="alt",
                        expires_on=timezone.localdate() - datetime.timedelta(days=1))
    MaterialPageFactory(parent=campaign, slug="neu", expires_on=timezone.localdate())

    sitemap = client.get("/sitemap.xml").content.decode()

    assert f"{campaign.url}neu/</loc>" in sitemap
    assert f"{campaign.url}alt/</loc>" not in sitemap


def test_library_filters_by_type_channel_and_language_with_counts(client, library):
    campaign = library["campaign"]
    MaterialPageFactory(parent=campaign, title="Spot FR", material_type="audio",
                        media=media("audio"), language="fr", for_radio=True, for_web=False)
    MaterialPageFactory(parent=campaign, title="Figur", material_type="silhouette",
                        image=image_file("figur.png"), language="")
    MaterialPageFactory(parent=campaign, title="Slogan DE", language="de")

    page = html(client.get(library["library"].url, {"language": "fr"}))
    titles = {h.get_text(strip=True) for h in page.select(".material-card__title")}
    assert titles == {"Spot FR", "Figur"}  # words-free material serves every language
    radio = html(client.get(library["library"].url, {"channel": "radio"}))
    assert [h.get_text(strip=True) for h in radio.select(".material-card__title")] == ["Spot FR"]
    type_options = {o["value"]: o.get_text() for o in page.select("#id_type option") if o["value"]}
    assert type_options.keys() == {"audio", "silhouette"} and "(1)" in type_options["audio"]


def test_material_page_offers_its_link_to_copy(client, library):
    material = MaterialPageFactory(parent=library["campaign"])

    page = html(client.get(material.url))

    link = page.find(id="share-link")
    assert link["value"] == f"http://testserver{material.url}"
    button = page.find("button", attrs={"data-copy-target": "share-link"})
    assert page.find(id=button["data-copy-status"])["aria-live"] == "polite"


def test_a_translated_material_names_its_topics_in_its_language(library):
    from wagtail.models import Locale

    from campaigns.reading import topics_in_locale
    from taxonomy.models import Topic

    german = Topic.objects.create(name="Trauer", slug="trauer", locale=Locale.get_default())
    french = german.copy_for_translation(Locale.objects.create(language_code="fr"))
    french.name = "Deuil"
    french.save()
    material = MaterialPageFactory(parent=library["campaign"])
    material.topics.set([german])
    material.save()

    material.locale = french.locale  # as on its French translation
    assert [topic.name for topic in topics_in_locale(material)] == ["Deuil"]


def test_players_get_the_part_of_a_film_they_ask_for(client, library):
    film = MaterialPageFactory(parent=library["campaign"], material_type="film",
                               media=media("video"))
    play = film.url + "play/media/"
    whole = body(client.get(play))

    part = client.get(play, headers={"Range": "bytes=4-11"})
    assert part.status_code == 206 and body(part) == whole[4:12]
    assert part["Content-Range"] == f"bytes 4-11/{len(whole)}"
    assert body(client.get(play, headers={"Range": "bytes=-8"})) == whole[-8:]
    assert client.get(play, headers={"Range": f"bytes={len(whole)}-"}).status_code == 416


def test_material_is_usable_through_its_expiry_day_and_gone_the_next(client, library):
    """`expires_on` is the last day of the rights ("valid until"), as its help text says."""
    today = timezone.localdate()
    last_day = MaterialPageFactory(parent=library["campaign"], title="Letzter Tag",
                                   material_type="visual", image=image_file("letzter.png"),
                                   expires_on=today)

    assert client.get(last_day.url).status_code == 200
    assert client.get(last_day.url + "download/image/").status_code == 200
    assert "Letzter Tag" in html(client.get(library["library"].url)).get_text()
    tomorrow = today + datetime.timedelta(days=1)
    assert last_day.is_expired(today=tomorrow) and not last_day.is_expired(today=today)
    assert not MaterialPage.objects.filter(pk=last_day.pk).not_expired(today=tomorrow).exists()


def facet_options(page, name):
    """{value: count} of a filter's choices as the visitor sees them, e.g. "Sucht (3)"."""
    return {option["value"]: int(option.get_text().rsplit("(", 1)[1].rstrip(")"))
            for option in page.select(f"#id_{name} option") if option["value"]}


def test_library_counts_only_what_the_visitor_may_see_per_campaign_topic_and_type(
        client, library):
    from wagtail.models import CollectionViewRestriction

    from taxonomy.models import Topic

    from .factories import CampaignPageFactory, collection

    addiction = Topic.objects.create(name="Sucht", slug="sucht", locale=library["home"].locale)
    alcohol = Topic.objects.create(name="Alkohol", slug="alkohol", parent=addiction,
                                   locale=addiction.locale)
    first, second = library["campaign"], CampaignPageFactory(parent=library["library"])
    private = collection("Partner intern")
    CollectionViewRestriction.objects.create(collection=private,
                                             restriction_type=CollectionViewRestriction.GROUPS)
    shown = [
        MaterialPageFactory(parent=first, material_type="audio", media=media("audio")),
        MaterialPageFactory(parent=first),
        MaterialPageFactory(parent=second),
    ]
    shown[0].topics.set([addiction])
    shown[1].topics.set([alcohol])
    shown[2].topics.set([addiction, alcohol])
    for material in shown:
        material.save_revision().publish()
    expired = MaterialPageFactory(parent=second, expires_on=datetime.date(2020, 1, 1))
    partner_only = MaterialPageFactory(parent=second, material_type="visual",
                                       image=image_file("intern.png", in_collection=private))
    for hidden in (expired, partner_only):
        hidden.topics.set([addiction])
        hidden.save_revision().publish()

    page = html(client.get(library["library"].url))
    assert page.find(id="results-heading").get_text().split()[0] == "3"
    assert facet_options(page, "campaign") == {first.slug: 2, second.slug: 1}
    assert facet_options(page, "topic") == {"sucht": 2, "alkohol": 2}
    assert facet_options(page, "type") == {"audio": 1, "text": 2}
    assert facet_options(page, "channel") == {"web": 3}

    # a broader topic also finds the materials of the narrower ones, each once
    addiction_page = html(client.get(library["library"].url, {"topic": "sucht"}))
    assert len(addiction_page.select(".material-card")) == 3
    assert facet_options(addiction_page, "topic") == {"sucht": 2, "alkohol": 2}
    assert facet_options(addiction_page, "campaign") == {first.slug: 2, second.slug: 1}


def test_listing_queries_do_not_grow_with_the_cards_shown(client, library):
    """Cards need no query of their own (campaign, topics, images, renditions)."""
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from .factories import CampaignPageFactory

    def listing_queries():
        cache.clear()  # the listing remembers its counts and cards: count a first visit
        with CaptureQueriesContext(connection) as queries:
            html(client.get(library["library"].url))
        return len(queries)

    MaterialPageFactory(parent=library["campaign"], material_type="visual",
                        image=image_file("eins.png"))
    html(client.get(library["library"].url))  # renditions made once, as on any site
    one_card = listing_queries()
    other_campaign = CampaignPageFactory(parent=library["library"])
    for number in range(6):
        MaterialPageFactory(parent=other_campaign if number % 2 else library["campaign"],
                            material_type="visual", image=image_file(f"bild-{number}.png"),
                            language=["de", "fr", ""][number % 3])
    html(client.get(library["library"].url))

    assert listing_queries() == one_card


def test_the_library_links_to_each_of_its_public_campaigns(client, library):
    from wagtail.models import PageViewRestriction

    from .factories import CampaignPageFactory

    congress = CampaignPageFactory(parent=library["library"], title="Kongress 2027")
    internal = CampaignPageFactory(parent=library["library"], title="Aktionswoche intern")
    PageViewRestriction.objects.create(page=internal,
                                       restriction_type=PageViewRestriction.LOGIN)

    listed = html(client.get(library["library"].url)).select(".campaign-list a")

    assert [(link.get_text(), link["href"]) for link in listed] == [
        (library["campaign"].title, library["campaign"].url), ("Kongress 2027", congress.url)]


@pytest.mark.parametrize(("language", "message"), [
    ("de", "Wählen Sie mindestens ein Material zum Herunterladen aus."),
    ("fr", "Choisissez au moins un matériel à télécharger."),
    ("it", "Scelga almeno un materiale da scaricare."),
])
def test_a_zip_of_an_empty_selection_says_why_in_the_sites_layout(client, locales, language,
                                                                  message):
    library = make_library(locales[language])["library"]

    response = client.get(library.url + "zip/")

    assert response.status_code == 400
    page = BeautifulSoup(response.content, "html.parser")
    assert page.find("html")["lang"] == language
    assert page.select_one("header.site-header .language-switcher")
    assert page.select_one("footer.site-footer")
    assert page.select_one("[role=alert]").get_text(strip=True) == message
    assert library.url in {a["href"] for a in page.select("main a")}
