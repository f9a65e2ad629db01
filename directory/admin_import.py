"""The "Directory import" admin page (Settings menu): editors upload the same HSDS JSON or CSV
files as `manage.py import_directory` and see the same report."""

from django import forms
from django.shortcuts import render
from django.urls import path, reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.models import Page

from .importer import ImportFileError, import_file
from .models import DirectoryIndexPage, OrganisationPage, RegionalCentrePage

MAX_UPLOAD_BYTES = 50 * 1024 * 1024


def can_import(user):
    """Users who may add pages somewhere in the directory (each row is checked again)."""
    if not user.is_active or not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    pages = Page.objects.type(DirectoryIndexPage, RegionalCentrePage, OrganisationPage)
    return any(page.permissions_for_user(user).can_add_subpage() for page in pages)


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_("HSDS 3.0 JSON (.json) or the directory CSV (.csv), UTF-8 encoded."),
    )
    language = forms.ChoiceField(
        label=_("Language"), required=False,
        choices=[("", _("As the file says")), ("de", "Deutsch"), ("fr", "Français"),
                 ("it", "Italiano")],
        help_text=_("Language of rows that do not name one (HSDS files: all rows)."),
    )
    dry_run = forms.BooleanField(label=_("Only check the file, write nothing"), required=False,
                                 initial=True)
    atomic = forms.BooleanField(label=_("Import nothing if any row has an error"),
                                required=False)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file is larger than 50 MB: use the command."))
        return upload


def report_summary(report):
    """The report's first line in the editor's language (the command prints it in English)."""
    numbers = {"rows": report.rows, "created": report.created, "updated": report.updated,
               "bad": len(report.bad_rows)}
    if report.dry_run:
        text = gettext("%(rows)s rows read: would create %(created)s and update %(updated)s; "
                       "%(bad)s rows with errors.")
    elif report.rolled_back:
        text = gettext("%(rows)s rows read: nothing written, because rows had errors and "
                       "“Import nothing if any row has an error” was ticked; %(bad)s rows "
                       "with errors.")
    else:
        text = gettext("%(rows)s rows read: created %(created)s, updated %(updated)s; "
                       "%(bad)s rows with errors.")
    return text % numbers


def import_view(request):
    if not can_import(request.user):
        # a plain 403 rather than Wagtail's redirect to the dashboard: the editor learns why
        return render(request, "directory/admin/import_forbidden.html", status=403)
    report = file_error = None
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            report = import_file(
                upload.read(), filename=upload.name, language=form.cleaned_data["language"] or None,
                dry_run=form.cleaned_data["dry_run"], atomic=form.cleaned_data["atomic"],
                user=request.user,
            )
        except ImportFileError as error:
            file_error = str(error)
    return render(request, "directory/admin/import.html", {
        "form": form, "report": report, "file_error": file_error,
        "summary": report_summary(report) if report else "",
    })


@hooks.register("register_admin_urls")
def register_import_url():
    return [path("directory-import/", import_view, name="directory_import")]


class ImportMenuItem(MenuItem):
    def is_shown(self, request):
        return can_import(request.user)


@hooks.register("register_settings_menu_item")
def register_import_menu_item():
    return ImportMenuItem(_("Directory import"), reverse("directory_import"),
                          name="directory-import", icon_name="upload", order=950)
