"""The topic field of an offer's edit form: the topics of the page's own language only (one
per concept, where the plain list mixed 135 topics in three languages), as checkboxes with a
filter box, so that choosing one topic never drops the others."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from taxonomy.models import Topic


class TopicChooserWidget(forms.CheckboxSelectMultiple):
    template_name = "directory/widgets/topic_chooser.html"
    filter_label = _("Filter topics")

    class Media:
        js = ["directory/admin/topic-chooser.js"]
        css = {"all": ["directory/admin/topic-chooser.css"]}

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["filter_label"] = self.filter_label
        return context


class TopicChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, topic):
        # a narrower topic names its broader one: "Alkohol (Sucht)"
        return f"{topic.name} ({topic.parent.name})" if topic.parent_id else topic.name


def topics_of_locale(locale):
    return Topic.objects.filter(locale=locale).select_related("parent").order_by("name")


class OfferPageForm(WagtailAdminPageForm):
    """Offers' edit form: topics in the page's locale (new pages take their parent's)."""

    def __init__(self, *args, parent_page=None, **kwargs):
        super().__init__(*args, parent_page=parent_page, **kwargs)
        if "topics" not in self.fields:
            return
        locale = self.instance.locale if self.instance.locale_id else (
            parent_page.locale if parent_page else None)
        old = self.fields["topics"]
        self.fields["topics"] = TopicChoiceField(
            queryset=topics_of_locale(locale) if locale else old.queryset.none(),
            required=old.required, label=old.label, help_text=old.help_text,
            widget=TopicChooserWidget,
        )
