import pytest

from directory.tests.factories import TopicFactory, make_directory
from directory.widgets import demo
from directory.widgets.models import Widget

pytestmark = pytest.mark.django_db


def test_demo_widget_can_be_tried_from_a_static_page_on_port_8080(client, locales):
    tree = make_directory()
    league = tree["league"]
    league.external_id = "demo:organisation:lungenliga"
    league.save()
    lungs = TopicFactory(slug="lungenkrankheiten", external_id="demo:topic:lungenkrankheiten")
    demo.load()
    demo.load()
    widget = Widget.objects.get()
    assert widget.organisation.specific == league
    assert list(widget.topics.all()) == [lungs]
    response = client.get(f"/api/widgets/{widget.pk}/", HTTP_ORIGIN="http://localhost:8080")
    assert response["Access-Control-Allow-Origin"] == "http://localhost:8080"
    assert widget.allows_origin("http://127.0.0.1:8080")
