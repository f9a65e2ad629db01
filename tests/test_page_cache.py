"""The page cache: which answers a shared cache may keep (site/page_cache.py), and a real nginx
with the site's own configuration (site/nginx/entraide.conf.template, started by
tests/services/nginx.py) in front of a live server: what it stores, and that a change shows
at once through it."""

import datetime
import os
import time
import urllib.error
import urllib.request
from urllib.parse import urlsplit

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone
from wagtail.models import PageViewRestriction

from campaigns.tests.factories import MaterialPageFactory, make_library
from directory.models import SelfHelpGroupPage
from directory.tests.factories import (
    RegionalCentrePageFactory,
    SelfHelpGroupPageFactory,
    TopicFactory,
    make_directory,
)
from home.translation import translate
from tests.services.nginx import NginxServer, nginx_binary

FRENCH = {"Selbsthilfe finden": "Trouver de l'entraide", "selbsthilfe": "entraide",
          "Startseite": "Accueil", "Angehörige Bern": "Proches Berne",
          "angehoerige-bern": "proches-berne", "Austausch unter Betroffenen.": "Echanges."}


def publish(page, **changes):
    for name, value in changes.items():
        setattr(page, name, value)
    page.save_revision().publish()
    return page


def for_one_visitor(cache_control):
    return "private" in cache_control and "no-store" in cache_control


def signed_in_client(user):
    client = Client()
    client.force_login(user)
    return client


# --- the policy, through Django's test client -------------------------------------------------


@pytest.fixture
def tree(db):
    tree = make_directory()
    tree["group"] = SelfHelpGroupPageFactory(parent=tree["centre"], title="Angehörige Bern",
                                             slug="angehoerige-bern")
    return tree


def test_an_anonymous_page_may_be_kept_by_shared_caches(client, tree, settings):
    settings.PAGE_CACHE_SECONDS = 600
    for page in (tree["home"], tree["index"], tree["centre"], tree["group"]):
        response = client.get(page.url)

        assert response.status_code == 200
        assert response["Cache-Control"] == "public, max-age=60, s-maxage=600"


def test_filters_and_paging_in_the_query_string_are_kept_too(client, tree):
    response = client.get(tree["index"].url + "?q=Bern&page=1")

    assert "s-maxage=" in response["Cache-Control"]


def test_a_signed_in_visitor_gets_pages_for_them_only(tree):
    editor = User.objects.create_superuser("redaktion", "r@example.ch", "x")
    response = signed_in_client(editor).get(tree["group"].url)

    assert response.status_code == 200
    assert for_one_visitor(response["Cache-Control"])


def test_a_partner_page_is_never_kept_for_others(client, tree):
    PageViewRestriction.objects.create(page=tree["centre"],
                                       restriction_type=PageViewRestriction.LOGIN)
    partner = User.objects.create_user("partner", "p@example.ch", "x")

    assert for_one_visitor(client.get(tree["group"].url)["Cache-Control"])
    response = signed_in_client(partner).get(tree["group"].url)
    assert response.status_code == 200
    assert for_one_visitor(response["Cache-Control"])


def test_a_page_with_a_password_form_is_never_kept(client, tree):
    PageViewRestriction.objects.create(page=tree["group"], password="geheim",
                                       restriction_type=PageViewRestriction.PASSWORD)
    response = client.get(tree["group"].url)

    assert b"geheim" not in response.content and response.status_code == 200
    assert for_one_visitor(response["Cache-Control"])


def test_the_contact_form_is_never_kept(client, tree):
    response = client.get(f"/de/directory/contact/{tree['group'].pk}/")

    assert response.status_code == 200
    assert for_one_visitor(response["Cache-Control"])


def test_a_page_expiring_soon_is_kept_no_longer_than_its_expiry(client, tree, settings):
    settings.PAGE_CACHE_SECONDS = 600
    publish(tree["group"], expire_at=timezone.now() + datetime.timedelta(seconds=90))

    seconds = int(client.get(tree["index"].url)["Cache-Control"].split("s-maxage=")[1])
    assert 80 <= seconds <= 90


def test_material_files_stay_out_of_shared_caches(client, db, settings, tmp_path):
    from campaigns.tests.factories import image_file

    settings.MEDIA_ROOT = tmp_path
    library = make_library()
    material = MaterialPageFactory(parent=library["campaign"], material_type="visual",
                                   image=image_file("plakat.png"))
    download = client.get(material.url + "download/image/")

    assert download.status_code == 200
    assert "s-maxage=0" in download["Cache-Control"]  # its rights may end any day
    assert "s-maxage=" in client.get(material.url)["Cache-Control"]


def test_a_material_page_is_kept_no_longer_than_the_last_day_of_its_rights(client, db,
                                                                          settings):
    settings.PAGE_CACHE_SECONDS = 7 * 24 * 3600
    library = make_library()
    MaterialPageFactory(parent=library["campaign"], expires_on=timezone.localdate())

    seconds = int(client.get(library["library"].url)["Cache-Control"].split("s-maxage=")[1])
    assert 0 < seconds <= 24 * 3600


# --- through a real nginx -----------------------------------------------------------------------


@pytest.fixture
def proxy(live_server, settings):
    if nginx_binary() is None:
        if os.environ.get("CI") == "true":
            pytest.fail("nginx is not installed (make test installs it)")
        pytest.skip("nginx is not installed: apt-get install nginx")
    server = NginxServer(urlsplit(live_server.url).netloc).start()
    settings.WAGTAILFRONTENDCACHE = {"nginx": {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": server.purge_url,
    }}
    yield server
    server.stop()


# the live server answers from another thread: the test's writes must be committed
through_nginx = pytest.mark.django_db(transaction=True, serialized_rollback=True)


class NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # the visitor sees the redirect itself


OPENER = urllib.request.build_opener(NoRedirects)


class Visitor:
    """A browser asking nginx for the site's pages (Host: the Wagtail site's, as the proxy in
    front would pass it on)."""

    def __init__(self, proxy, cookies=""):
        self.proxy = proxy
        self.cookies = cookies

    def get(self, path):
        headers = {"Host": "localhost", "Accept-Encoding": "gzip"}
        if self.cookies:
            headers["Cookie"] = self.cookies
        request = urllib.request.Request(self.proxy.url + path, headers=headers)  # noqa: S310
        try:
            with OPENER.open(request, timeout=10) as response:
                return Answer(response.status, response.headers, response.read())
        except urllib.error.HTTPError as error:
            return Answer(error.code, error.headers, error.read())


class Answer:
    def __init__(self, status, headers, body):
        import gzip

        self.status = status
        self.cache = headers.get("X-Cache-Status")
        self.cache_control = headers.get("Cache-Control", "")
        self.location = headers.get("Location", "")
        if headers.get("Content-Encoding") == "gzip":
            body = gzip.decompress(body)
        self.text = body.decode(errors="replace")


def path_of(page):
    return urlsplit(page.get_full_url()).path


@pytest.fixture
def site_tree(proxy):
    tree = make_directory()
    tree["topic"] = TopicFactory(name="Trauer", slug="trauer")
    tree["group"] = SelfHelpGroupPageFactory(parent=tree["centre"], title="Angehörige Bern",
                                             slug="angehoerige-bern", topics=[tree["topic"]])
    return tree


@through_nginx
def test_the_second_anonymous_visit_is_answered_by_nginx(proxy, site_tree):
    visitor = Visitor(proxy)
    first = visitor.get(path_of(site_tree["group"]))
    second = visitor.get(path_of(site_tree["group"]))

    assert first.status == second.status == 200
    assert (first.cache, second.cache) == ("MISS", "HIT")
    assert "Angehörige Bern" in second.text


@through_nginx
def test_a_published_change_shows_at_once_on_the_page_and_every_listing(proxy, site_tree):
    visitor = Visitor(proxy)
    index = path_of(site_tree["index"])
    paths = [path_of(site_tree["group"]), index, index + "?q=Bern", path_of(site_tree["centre"]),
             index + "topic/trauer/", path_of(site_tree["home"])]
    for path in paths * 2:
        visitor.get(path)
    assert all(visitor.get(path).cache == "HIT" for path in paths)

    publish(site_tree["group"], title="Angehörige Bern und Umgebung")

    for path in paths[:-1]:
        answer = visitor.get(path)
        assert answer.cache == "MISS", path
        assert "Angehörige Bern und Umgebung" in answer.text, path
    assert visitor.get(path_of(site_tree["home"])).cache == "MISS"


@through_nginx
def test_an_unpublished_offer_answers_404_at_once(proxy, site_tree):
    visitor = Visitor(proxy)
    path = path_of(site_tree["group"])
    visitor.get(path)
    assert visitor.get(path).cache == "HIT"

    site_tree["group"].unpublish()

    assert visitor.get(path).status == 404
    assert "Angehörige Bern" not in visitor.get(path_of(site_tree["index"])).text


@through_nginx
def test_an_offer_answers_404_once_its_expiry_has_passed(proxy, site_tree):
    visitor = Visitor(proxy)
    path = path_of(site_tree["group"])
    publish(site_tree["group"], expire_at=timezone.now() + datetime.timedelta(seconds=3))
    visitor.get(path)
    assert visitor.get(path).cache == "HIT"

    time.sleep(4)  # no publish_scheduled has run: only the clock has moved

    assert visitor.get(path).status == 404


@through_nginx
def test_a_moved_offer_leaves_its_old_address_and_its_old_centre_at_once(proxy, site_tree):
    visitor = Visitor(proxy)
    old_path, centre = path_of(site_tree["group"]), path_of(site_tree["centre"])
    for path in (old_path, centre, old_path, centre):
        visitor.get(path)
    other = RegionalCentrePageFactory(parent=site_tree["index"], title="Selbsthilfe Biel",
                                      slug="selbsthilfe-biel")

    site_tree["group"].move(other, pos="last-child")
    group = SelfHelpGroupPage.objects.get(pk=site_tree["group"].pk)
    publish(group, centre=other)

    moved_away = visitor.get(old_path)  # Wagtail's redirects app leads to the new address
    assert moved_away.status == 301 and moved_away.location.endswith(path_of(group))
    assert "Angehörige Bern" not in visitor.get(centre).text
    assert visitor.get(path_of(group)).status == 200
    assert "Angehörige Bern" in visitor.get(path_of(other)).text


@through_nginx
def test_a_deleted_offer_answers_404_at_once(proxy, site_tree):
    visitor = Visitor(proxy)
    path = path_of(site_tree["group"])
    visitor.get(path)

    site_tree["group"].delete()

    assert visitor.get(path).status == 404


@through_nginx
def test_a_partner_page_and_a_signed_in_visit_are_never_stored(proxy, site_tree):
    PageViewRestriction.objects.create(page=site_tree["centre"],
                                       restriction_type=PageViewRestriction.LOGIN)
    partner = signed_in_client(User.objects.create_user("partner", "p@example.ch", "x"))
    signed_in = Visitor(proxy, cookies=f"sessionid={partner.cookies['sessionid'].value}")
    anonymous = Visitor(proxy)
    path = path_of(site_tree["group"])

    for _ in range(2):
        answer = signed_in.get(path)
        assert answer.status == 200 and "Angehörige Bern" in answer.text
        assert answer.cache == "BYPASS"
    for _ in range(2):
        answer = anonymous.get(path)
        assert answer.status == 302 and answer.cache != "HIT"
        assert "Angehörige Bern" not in answer.text


@through_nginx
def test_what_an_editor_sees_is_never_served_to_others(proxy, site_tree):
    editor = signed_in_client(User.objects.create_superuser("redaktion", "r@example.ch", "x"))
    visitor = Visitor(proxy, cookies=f"sessionid={editor.cookies['sessionid'].value}")
    path = path_of(site_tree["index"])

    assert "wagtail-userbar" in visitor.get(path).text
    assert "wagtail-userbar" in visitor.get(path).text
    assert "wagtail-userbar" not in Visitor(proxy).get(path).text


@through_nginx
def test_the_contact_form_is_rendered_for_each_visitor(proxy, site_tree):
    visitor = Visitor(proxy)
    path = f"/de/directory/contact/{site_tree['group'].pk}/"

    answers = [visitor.get(path) for _ in range(2)]
    assert [answer.status for answer in answers] == [200, 200]
    assert [answer.cache for answer in answers] == ["MISS", "MISS"]


@through_nginx
def test_a_translation_publish_updates_that_language_only(proxy, site_tree):
    from home.translation import ensure_locales

    french_locale = ensure_locales(["de", "fr", "it"])["fr"]
    french = {name: translate(site_tree[name], french_locale, FRENCH)
              for name in ("home", "index", "centre", "group")}
    visitor = Visitor(proxy)
    german_index, french_index = path_of(site_tree["index"]), path_of(french["index"])
    for path in (german_index, french_index) * 2:
        visitor.get(path)

    publish(french["group"].specific, summary="Echanges entre proches.")

    french_answer = visitor.get(french_index)
    assert french_answer.cache == "MISS" and "Echanges entre proches." in french_answer.text
    german_answer = visitor.get(german_index)
    assert german_answer.cache == "HIT"
    assert "Echanges entre proches." not in german_answer.text
    assert "Echanges entre proches." in visitor.get(path_of(french["group"])).text


@through_nginx
def test_a_section_made_partner_only_is_no_longer_served_from_the_cache(proxy, site_tree):
    visitor = Visitor(proxy)
    path = path_of(site_tree["group"])
    visitor.get(path)
    assert visitor.get(path).cache == "HIT"

    PageViewRestriction.objects.create(page=site_tree["centre"],
                                       restriction_type=PageViewRestriction.LOGIN)

    answer = visitor.get(path)
    assert answer.status == 302 and "Angehörige Bern" not in answer.text
