"""A partner's directory widget: a filtered directory its web team embeds in its own site,
and the views and clicks it had per month."""

import datetime
import re
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.models import Locale, PreviewableMixin

from directory.models import Canton, FormatChoices, Language, OrganisationPage, Topic

from .contrast import AA_NORMAL_TEXT, HEX_COLOUR, contrast_ratio

VISITOR_FILTERS = [
    ("topic", _("Topic")),
    ("canton", _("Canton")),
    ("format", _("Format")),
    ("target", _("For whom")),
    ("language", _("Language")),
]
COLOUR_VALIDATOR = RegexValidator(HEX_COLOUR, _("Give a colour as #rrggbb, e.g. #005a9c."))
# A CSS font-family list: names, quotes, commas, spaces and hyphens only (nothing that could
# end the declaration and inject other CSS).
FONT_VALIDATOR = RegexValidator(
    r"^[\w\s,'\"-]+$", _("Give font names separated by commas, e.g. Arial, sans-serif."))


HOST = re.compile(r"[a-z0-9]([a-z0-9.-]*[a-z0-9])?")
DEFAULT_PORTS = {"http": 80, "https": 443}


def normalised_origin(value):
    """'https://www.lungenliga.ch' as a browser sends it in the Origin header, or None."""
    parts = urlsplit(value.strip().rstrip("/").lower())
    try:
        port = parts.port
    except ValueError:
        return None
    if (parts.scheme not in DEFAULT_PORTS or not parts.hostname or "@" in parts.netloc
            or parts.path or parts.query or parts.fragment
            or not HOST.fullmatch(parts.hostname)):
        return None
    if port and port != DEFAULT_PORTS[parts.scheme]:
        return f"{parts.scheme}://{parts.hostname}:{port}"
    return f"{parts.scheme}://{parts.hostname}"


def parse_origins(text):
    """The origins of `text` (one per line), or a ValidationError naming the first bad one."""
    origins = []
    for line in (text or "").splitlines():
        if not line.strip():
            continue
        origin = normalised_origin(line)
        if origin is None:
            raise ValidationError(
                _("“%(origin)s” is not a website origin. Write the scheme and host only, "
                  "e.g. https://www.lungenliga.ch"), params={"origin": line.strip()},
                code="invalid_origin")
        if origin not in origins:
            origins.append(origin)
    return origins


def default_locale():
    return {"locale": Locale.get_default()}


class Widget(PreviewableMixin, ClusterableModel):
    name = models.CharField(_("name"), max_length=120,
                            help_text=_("For editors, e.g. 'Lung league website, French'."))
    organisation = models.ForeignKey(
        OrganisationPage, null=True, on_delete=models.SET_NULL, related_name="widgets",
        verbose_name=_("organisation"), help_text=_("The partner that embeds this widget."))
    enabled = models.BooleanField(
        _("enabled"), default=True,
        help_text=_("A disabled widget shows a short neutral message on the partner's site."))
    language = models.CharField(
        _("language"), max_length=2, choices=settings.LANGUAGES, default="de",
        help_text=_("Used when the embed code does not name one (data-lang)."))

    topics = ParentalManyToManyField(
        Topic, blank=True, related_name="+", verbose_name=_("topics"),
        limit_choices_to=default_locale,
        help_text=_("Only offers on these topics (and their narrower topics). None: all."))
    cantons = ParentalManyToManyField(Canton, blank=True, related_name="+",
                                      verbose_name=_("cantons"),
                                      help_text=_("Only groups in these cantons. None: all."))
    formats = models.JSONField(_("formats"), default=list, blank=True,
                               help_text=_("Only these formats. None: all."))
    languages = ParentalManyToManyField(
        Language, blank=True, related_name="+", verbose_name=_("languages spoken"),
        help_text=_("Only offers held in one of these languages. None: all."))
    visible_filters = models.JSONField(
        _("filters the visitor may use"), default=list, blank=True,
        help_text=_("The visitor can narrow the results further, never widen them."))
    results_count = models.PositiveSmallIntegerField(
        _("number of results"), default=10,
        validators=[MinValueValidator(1), MaxValueValidator(50)])

    text_color = models.CharField(_("text colour"), max_length=7, default="#1a1a1a",
                                  validators=[COLOUR_VALIDATOR])
    background_color = models.CharField(_("background colour"), max_length=7,
                                        default="#ffffff", validators=[COLOUR_VALIDATOR])
    accent_color = models.CharField(
        _("accent colour"), max_length=7, default="#005a9c", validators=[COLOUR_VALIDATOR],
        help_text=_("Links and buttons; button text uses the background colour."))
    font_family = models.CharField(
        _("font"), max_length=200, default="inherit", validators=[FONT_VALIDATOR],
        help_text=_("'inherit' uses the partner site's font; or e.g. 'Arial, sans-serif'."))

    allowed_origins = models.TextField(
        _("websites allowed to embed"), blank=True,
        help_text=_("One per line, scheme and host only, e.g. https://www.lungenliga.ch"))
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("directory widget")
        verbose_name_plural = _("directory widgets")

    def __str__(self):
        return self.name

    @property
    def origins(self):
        try:
            return parse_origins(self.allowed_origins)
        except ValidationError:
            return []

    def allows_origin(self, origin):
        return bool(origin) and normalised_origin(origin) in self.origins

    def contrast_problems(self):
        """{field: message} for each colour pair below WCAG AA for normal text."""
        problems = {}
        pairs = [("text_color", self.text_color, _("text")),
                 ("accent_color", self.accent_color, _("links and buttons"))]
        for field, colour, what in pairs:
            if not (HEX_COLOUR.match(colour or "") and HEX_COLOUR.match(self.background_color
                                                                          or "")):
                continue
            ratio = contrast_ratio(colour, self.background_color)
            if ratio < AA_NORMAL_TEXT:
                problems[field] = _(
                    "The contrast of %(what)s with the background is %(ratio).1f:1; WCAG AA "
                    "needs at least %(needed).1f:1. Choose a darker or lighter colour."
                ) % {"what": what, "ratio": ratio, "needed": AA_NORMAL_TEXT}
        return problems

    def clean(self):
        super().clean()
        errors = dict(self.contrast_problems())
        try:
            parse_origins(self.allowed_origins)
        except ValidationError as error:
            errors["allowed_origins"] = error
        unknown = set(self.formats or []) - set(FormatChoices.values)
        if unknown:
            errors["formats"] = _("Unknown format: %s") % ", ".join(sorted(unknown))
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        self.allowed_origins = "\n".join(self.origins) if self.origins else self.allowed_origins
        super().save(*args, **kwargs)

    # Preview in the admin: the widget itself, rendered from the unsaved form data.
    def get_preview_template(self, request, mode_name):
        return "widgets/frame.html"

    def make_preview_request(self, original_request=None, preview_mode=None,
                             extra_request_attrs=None):
        # Wagtail renders the preview from a fresh request without the query string: keep the
        # visitor's filters (the preview reloads itself with them) for get_preview_context.
        params = original_request.GET.copy() if original_request is not None else {}
        extra = {**(extra_request_attrs or {}), "widget_params": params}
        return super().make_preview_request(original_request, preview_mode, extra)

    def get_preview_context(self, request, mode_name):
        from .views import frame_context

        return frame_context(request, self, preview=True,
                             params=getattr(request, "widget_params", None))


def first_of_month(day=None):
    day = day or timezone.localdate()
    return day.replace(day=1)


class WidgetMonthlyStats(models.Model):
    """Views (the widget was shown) and clicks (a visitor opened an entry) per month; no
    visitor data at all."""

    widget = models.ForeignKey(Widget, on_delete=models.CASCADE, related_name="monthly_stats")
    month = models.DateField()
    views = models.PositiveIntegerField(default=0)
    clicks = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-month"]
        constraints = [models.UniqueConstraint(fields=["widget", "month"],
                                               name="one_stats_row_per_widget_month")]

    @classmethod
    def count(cls, widget, what, day=None):
        """Add one view or click ("views" / "clicks") to the widget's month."""
        row, _created = cls.objects.get_or_create(widget=widget, month=first_of_month(day))
        cls.objects.filter(pk=row.pk).update(**{what: F(what) + 1})

    @classmethod
    def recent(cls, widget, months=12):
        since = first_of_month() - datetime.timedelta(days=31 * (months - 1))
        return cls.objects.filter(widget=widget, month__gte=since.replace(day=1))
