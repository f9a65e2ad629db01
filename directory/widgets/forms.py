from django import forms
from wagtail.admin.forms import WagtailAdminModelForm

from directory.models import FormatChoices

from .models import VISITOR_FILTERS


class ColourInput(forms.TextInput):
    input_type = "color"


class WidgetForm(WagtailAdminModelForm):
    formats = forms.MultipleChoiceField(
        choices=FormatChoices.choices, required=False, widget=forms.CheckboxSelectMultiple)
    visible_filters = forms.MultipleChoiceField(
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
