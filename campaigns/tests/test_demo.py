"""The demo's campaigns, read from the demo the whole test run shares (tests/demo_site.py);
that a second `load_demo` adds nothing is checked in directory/tests/test_demo.py."""

from bs4 import BeautifulSoup

from campaigns.models import CampaignPage, MaterialPage


def test_demo_makes_three_campaigns_in_three_languages(demo_site, client):
    assert CampaignPage.objects.filter(locale__language_code="de").count() == 3
    for code in ("de", "fr", "it"):
        assert MaterialPage.objects.filter(locale__language_code=code).count() >= 12
    film = MaterialPage.objects.get(slug="kurzfilm-gemeinsam-staerker", locale__language_code="de")
    response = client.get(film.get_parent().url)
    assert response.status_code == 200
    assert response.content.count(b'kind="subtitles"') == 3


def test_demo_materials_speak_french_on_french_pages_and_mark_the_german_transcript(
        demo_site, client):
    german = {page.translation_key: page
              for page in MaterialPage.objects.filter(locale__language_code="de")}
    french = MaterialPage.objects.filter(locale__language_code="fr")

    for page in french:
        source = german[page.translation_key]
        assert page.slug != source.slug or page.slug == "slogan", page.slug
        assert page.description != source.description, page.slug
        assert page.allowed_uses != source.allowed_uses, page.slug

    film = french.get(slug="court-metrage-plus-forts-ensemble")
    soup = BeautifulSoup(client.get(film.url).content, "html.parser")
    transcript = soup.select_one(".transcript__text")
    assert transcript["lang"] == "de"  # the film speaks German
    assert transcript.get_text(" ", strip=True).startswith("Gemeinsam stärker.")
    assert "(en allemand)" in soup.select_one(".transcript summary").get_text()
    spot = french.get(slug="spot-radio-fr")
    assert not BeautifulSoup(client.get(spot.url).content, "html.parser") \
        .select_one(".transcript__text").has_attr("lang")  # French, like the page

    library = BeautifulSoup(client.get(film.get_parent().get_parent().url).content,
                            "html.parser")
    badges = library.select(".material-card__type .badge--muted")
    assert badges and not any(badge.has_attr("lang") for badge in badges)  # "Allemand" is French
