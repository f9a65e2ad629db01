from django import forms
from wagtail.admin.forms import WagtailAdminModelForm

from directory.admin_scope import may_change_whole_directory, pages_user_may_change
from directory.models import FormatChoices, OrganisationPage

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

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.for_user
        if user is not None and "organisation" in self.fields and not may_change_whole_directory(
                user):
            # An organisation's editors make widgets for their own organisation only.
            field = self.fields["organisation"]
            field.queryset = pages_user_may_change(user, OrganisationPage)
            field.required = True
