"""Editors set up a widget in the admin: validation, contrast warning, code to paste, preview,
monthly numbers; and the iframe page partners embed."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.users.models import UserProfile

from directory.widgets.contrast import contrast_ratio, passes_aa
from directory.widgets.embed import embed_codes
from directory.widgets.models import Widget, WidgetMonthlyStats, first_of_month, parse_origins
from home.translation import translate

PARTNER = "https://www.lungenliga.ch"


@pytest.mark.parametrize(("foreground", "background", "ratio"), [
    ("#000000", "#ffffff", 21.0),
    ("#ffffff", "#ffffff", 1.0),
    ("#767676", "#ffffff", 4.54),  # the lightest grey that passes AA on white
    ("#777777", "#ffffff", 4.48),
])
def test_contrast_ratio_follows_wcag(foreground, background, ratio):
    assert contrast_ratio(foreground, background) == pytest.approx(ratio, abs=0.01)
    assert contrast_ratio(background, foreground) == pytest.approx(ratio, abs=0.01)
    assert passes_aa(foreground, background) is (ratio >= 4.5)


def test_allowed_origins_are_normalised_and_bad_ones_named():
    assert parse_origins("https://www.Lungenliga.ch/\n\nhttp://127.0.0.1:8001\n"
                         "https://x.ch:443") == [PARTNER, "http://127.0.0.1:8001", "https://x.ch"]
    for bad in ("www.lungenliga.ch", "https://www.lungenliga.ch/widget", "ftp://x.ch",
                "https://x.ch:99999", "https://user@x.ch", "https://x.ch?a=1", "javascript:x"):
        with pytest.raises(ValidationError) as error:
            parse_origins(f"{PARTNER}\n{bad}")
        assert bad in error.value.messages[0]


def test_low_contrast_colours_and_bad_input_are_rejected(lung_directory):
    widget = lung_directory["widget"]
    widget.text_color, widget.accent_color = "#aaaaaa", "#ffdd00"
    widget.font_family = "Arial; } body { display:none"
    widget.allowed_origins = "lungenliga.ch"
    with pytest.raises(ValidationError) as error:
        widget.full_clean()
    assert set(error.value.message_dict) == {"text_color", "accent_color", "font_family",
                                            "allowed_origins"}
    assert "2.3:1" in error.value.message_dict["text_color"][0]


@pytest.fixture
def admin_client(client, db):
    user = get_user_model().objects.create_superuser("chef", "chef@example.ch", "pw")
    client.force_login(user)
    return client


def form_data(lung_directory, **changes):
    data = {
        "name": "Lungenliga Romandie", "organisation": lung_directory["league"].pk,
        "enabled": "on", "language": "fr", "topics": [lung_directory["lungs"].pk],
        "visible_filters": ["topic", "format"], "results_count": "5",
        "text_color": "#1a1a1a", "background_color": "#ffffff", "accent_color": "#005a9c",
        "font_family": "inherit", "allowed_origins": "https://www.liguepulmonaire.ch",
    }
    data.update(changes)
    return data


def test_editor_creates_a_widget_and_gets_the_code_to_paste(admin_client, lung_directory):
    url = reverse("wagtailsnippets_widgets_widget:add")
    response = admin_client.post(url, form_data(lung_directory))
    assert response.status_code == 302
    widget = Widget.objects.get(name="Lungenliga Romandie")
    assert list(widget.topics.all()) == [lung_directory["lungs"]]
    assert widget.visible_filters == ["topic", "format"]
    edit = admin_client.get(reverse("wagtailsnippets_widgets_widget:edit", args=[widget.pk]))
    html = edit.content.decode()
    assert f'data-entraide-widget="{widget.pk}"' in html  # (escaped inside the textarea)
    assert f"/widgets/{widget.pk}/frame/?lang=fr" in html


def test_editor_is_told_when_colours_fail_wcag_aa(admin_client, lung_directory):
    url = reverse("wagtailsnippets_widgets_widget:add")
    response = admin_client.post(url, form_data(lung_directory, accent_color="#99ccff"))
    assert response.status_code == 200
    assert "accent_color" in response.context["form"].errors
    assert not Widget.objects.filter(name="Lungenliga Romandie").exists()


def test_admin_live_preview_renders_the_unsaved_widget(admin_client, lung_directory):
    widget = lung_directory["widget"]
    url = reverse("wagtailsnippets_widgets_widget:preview_on_edit", args=[widget.pk])
    data = form_data(lung_directory, topics=[lung_directory["depression"].pk], language="de")
    assert admin_client.post(url, data).json()["is_valid"]
    html = admin_client.get(url).content.decode()
    assert "Depression Bern" in html and "COPD Bern" not in html
    widget.refresh_from_db()
    assert list(widget.topics.all()) == [lung_directory["lungs"]]  # nothing saved


def test_filtering_in_the_preview_keeps_the_unsaved_presets(admin_client, lung_directory):
    widget = lung_directory["widget"]
    url = reverse("wagtailsnippets_widgets_widget:preview_on_edit", args=[widget.pk])
    admin_client.post(url, form_data(lung_directory, formats=["in_person"], language="de"))
    html = admin_client.get(url, {"topic": "copd"}).content.decode()  # as the preview reloads
    assert "COPD Bern" in html and "Atemwege" not in html
    html = admin_client.get(url, {"format": "online"}).content.decode()
    assert "Lungenforum" not in html  # the unsaved preset "in person" still holds


def test_edit_view_shows_views_and_clicks_per_month(admin_client, lung_directory):
    widget = lung_directory["widget"]
    last_month = first_of_month() - datetime.timedelta(days=1)
    for _view in range(3):
        WidgetMonthlyStats.count(widget, "views")
    WidgetMonthlyStats.count(widget, "clicks")
    WidgetMonthlyStats.count(widget, "views", day=last_month)
    edit = admin_client.get(reverse("wagtailsnippets_widgets_widget:edit", args=[widget.pk]))
    table = edit.content.decode().split('class="listing widget-stats"')[1].split("</table>")[0]
    rows = [row for row in table.split("<tr>") if "<td>" in row]
    assert len(rows) == 2
    assert "<td>3</td><td>1</td>" in rows[0] and "<td>1</td><td>0</td>" in rows[1]


def test_iframe_title_is_the_partners_name_in_the_embed_codes_language(lung_directory, locales):
    from home.translation import translate

    translate(lung_directory["index"], locales["fr"], {})
    translate(lung_directory["league"], locales["fr"], {"Lungenliga": "Ligue pulmonaire"})
    assert 'title="Ligue pulmonaire"' in embed_codes(lung_directory["widget"], "https://e.ch",
                                                     language="fr")["iframe"]
    assert 'title="Lungenliga"' in embed_codes(lung_directory["widget"], "https://e.ch",
                                               language="de")["iframe"]


def test_embed_codes_name_the_widget_language_and_our_site(lung_directory):
    codes = embed_codes(lung_directory["widget"], "https://entraide.ch/", language="fr")
    widget_id = lung_directory["widget"].pk
    assert f'data-entraide-widget="{widget_id}" data-lang="fr"' in codes["script"]
    assert 'src="https://entraide.ch/widgets/embed.js"' in codes["script"]
    assert f'src="https://entraide.ch/widgets/{widget_id}/frame/?lang=fr"' in codes["iframe"]
    assert "title=" in codes["iframe"]


def test_frame_may_be_framed_only_by_the_allowed_origins(client, lung_directory):
    widget = lung_directory["widget"]
    widget.allowed_origins = f"{PARTNER}\nhttp://127.0.0.1:8001"
    widget.save()
    response = client.get(f"/widgets/{widget.pk}/frame/")
    assert response.status_code == 200
    csp = response["Content-Security-Policy"]
    assert f"frame-ancestors {PARTNER} http://127.0.0.1:8001" in csp
    assert "X-Frame-Options" not in response
    assert b"COPD Bern" in response.content  # first results come with the page


def test_frame_of_a_disabled_or_unknown_widget_is_a_neutral_message(client, lung_directory):
    widget = lung_directory["widget"]
    widget.enabled = False
    widget.save()
    disabled = client.get(f"/widgets/{widget.pk}/frame/")
    assert disabled.status_code == 200
    assert b"COPD Bern" not in disabled.content
    assert b'"available": false' in disabled.content
    unknown = client.get("/widgets/999999/frame/")
    assert unknown.status_code == 404
    assert b'"available": false' in unknown.content


def organisation_options(response):
    assert response.status_code == 200
    select = BeautifulSoup(response.content, "html.parser").select_one(
        'select[name="organisation"]')
    return {option.text.strip(): option.has_attr("selected")
            for option in select.select("option") if option["value"]}


def test_the_widget_builder_lists_each_organisation_once_in_the_editors_language(
        admin_client, lung_directory, locales):
    for page in (lung_directory["home"], lung_directory["index"]):
        for code in ("fr", "it"):
            translate(page, locales[code], {})
    translate(lung_directory["league"], locales["fr"], {"Lungenliga": "Ligue pulmonaire"})
    translate(lung_directory["league"], locales["it"], {"Lungenliga": "Lega polmonare"})
    widget = lung_directory["widget"]
    edit = reverse("wagtailsnippets_widgets_widget:edit", args=[widget.pk])

    assert organisation_options(admin_client.get(edit)) == {"Lungenliga": True}

    profile = UserProfile.get_for_user(get_user_model().objects.get(username="chef"))
    profile.preferred_language = "fr"
    profile.save()
    assert organisation_options(admin_client.get(edit)) == {"Ligue pulmonaire": True}


def test_the_widget_builder_speaks_german(admin_client, lung_directory):
    response = admin_client.get(
        reverse("wagtailsnippets_widgets_widget:edit", args=[lung_directory["widget"].pk]))
    labels = {" ".join(label.text.split()) for label in
              BeautifulSoup(response.content, "html.parser").select(".w-field__label")}

    assert {"Formate", "Filter, die Besuchende nutzen können"} <= labels
    assert not {"Formats", "Visible filters"} & labels
