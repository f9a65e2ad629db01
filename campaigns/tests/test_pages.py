"""What a visitor sees and takes in the library: players, transcripts, subtitles, copy
buttons, renditions, ZIPs; expired material is gone everywhere."""

import datetime
import io
import zipfile

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone
from PIL import Image as PILImage

from campaigns.models import DownloadCount, MaterialSubtitle

from .factories import VTT, MaterialPageFactory, document, image_file, media

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


def test_text_element_has_a_copy_button_for_each_version(client, library):
    material = MaterialPageFactory(parent=library["campaign"], text_short="Kurz und klar.",
                                   text_long="Lang und ausführlich.",
                                   approved_on=datetime.date(2026, 3, 1))

    page = html(client.get(material.url))

    buttons = page.select("button.copy-button")
    assert len(buttons) == 2
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
    assert {"audio/spot.wav", "text/slogan.txt", "silhouette/figur.png"} <= names
    assert "Gemeinsam stärker." in archive.read("text/slogan.txt").decode()
    assert archive.read("silhouette/figur.png") == silhouette.image.file.open("rb").read()
    rights = next(name for name in names if "/" not in name)
    assert "Foto: Entraide" in archive.read(rights).decode()
    assert archive.testzip() is None


def test_selection_zip_holds_only_the_chosen_materials(client, library):
    chosen = MaterialPageFactory(parent=library["campaign"], slug="gewaehlt")
    MaterialPageFactory(parent=library["campaign"], slug="andere")

    response = client.get(library["library"].url + "zip/", {"material": [chosen.pk]})

    names = zipfile.ZipFile(io.BytesIO(body(response))).namelist()
    assert "text/gewaehlt.txt" in names and "text/andere.txt" not in names
    assert client.get(library["library"].url + "zip/").status_code == 400


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
    zipped = zipfile.ZipFile(io.BytesIO(body(client.get(campaign.url + "zip/")))).namelist()
    assert not any("alt" in name for name in zipped)
    searched = html(client.get(library["library"].url, {"q": "Plakat"})).get_text()
    assert "Neues Plakat" in searched and "Altes Plakat" not in searched


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
