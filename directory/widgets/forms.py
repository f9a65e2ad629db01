from django import forms
from django.utils.translation import get_language
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.models import Locale

from directory.admin_scope import may_change_whole_directory, pages_user_may_change
from directory.models import FormatChoices, OrganisationPage

from .models import VISITOR_FILTERS, Widget


class ColourInput(forms.TextInput):
    input_type = "color"


def organisation_choices(language):
    """One page per organisation, not one per translation: the one in `language` (the
    editor's admin language) where it exists, else the one in the default language."""
    preferred = [language, Locale.get_default().language_code]
    chosen = {}
    for page in OrganisationPage.objects.select_related("locale"):
        rank = (preferred.index(page.locale.language_code)
                if page.locale.language_code in preferred else len(preferred))
        if page.translation_key not in chosen or rank < chosen[page.translation_key][0]:
            chosen[page.translation_key] = (rank, page.pk)
    return OrganisationPage.objects.filter(
        pk__in=[pk for _rank, pk in chosen.values()]).order_by("title")


class WidgetForm(WagtailAdminModelForm):
    formats = forms.MultipleChoiceField(
        label=Widget._meta.get_field("formats").verbose_name,
        help_text=Widget._meta.get_field("formats").help_text,
        choices=FormatChoices.choices, required=False, widget=forms.CheckboxSelectMultiple)
    visible_filters = forms.MultipleChoiceField(
        label=Widget._meta.get_field("visible_filters").verbose_name,
        help_text=Widget._meta.get_field("visible_filters").help_text,
        choices=VISITOR_FILTERS, required=False, widget=forms.CheckboxSelectMultiple)

    class Meta:
        widgets = {
            "topics": forms.CheckboxSelectMultiple,
            "cantons": forms.CheckboxSelectMultiple,
            "languages": forms.CheckboxSelectMultiple,
            "text_color": ColourInput,
            "background_color": ColourInput,
            "accent_color": ColourInput,
            "allowed_origins": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["organisation"]
        field.queryset = organisation_choices((get_language() or "de")[:2])
        user = self.for_user
        if user is not None and not may_change_whole_directory(user):
            # An organisation's editors make widgets for their own organisation only.
            field.queryset = field.queryset.filter(translation_key__in=pages_user_may_change(
                user, OrganisationPage).values("translation_key"))
            field.required = True
        # a widget saved with another translation of its organisation shows this one
        current = self.instance.organisation if self.instance.organisation_id else None
        if current is not None and not field.queryset.filter(pk=current.pk).exists():
            shown = field.queryset.filter(translation_key=current.translation_key).first()
            self.initial["organisation"] = shown.pk if shown else current.pk
