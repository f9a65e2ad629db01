"""Which requests count against which limit, decided from the URL conf's names: a view that
moves keeps its limit, and the views themselves know nothing of it."""

from dataclasses import dataclass

from .limiter import hit
from .responses import too_many_requests, with_retry_after

PASSWORD_FORMS = frozenset({
    "wagtailadmin_login",  # /admin/login/
    "admin:login",  # /django-admin/login/
    "wagtailcore_login",  # /<lang>/_util/login/: partners' sign-in for private pages and files
    "wagtailcore_authenticate_with_password",  # a page's shared password
    "wagtaildocs_authenticate_with_password",  # a document collection's shared password
})


@dataclass(frozen=True)
class Rule:
    limit: str  # a name in settings.RATE_LIMITS
    url_names: frozenset = frozenset()  # view names, with namespace: "widgets:api"
    namespace: str = ""  # or every view of an included URL conf
    methods: frozenset = frozenset()  # empty: every method
    json: bool = False  # a program reads the answer
    only_with_query: bool = False  # a page asked with a query string (search, filters, paging)

    def matches(self, request, match):
        if self.methods and request.method not in self.methods:
            return False
        if self.only_with_query and not request.META.get("QUERY_STRING"):
            return False
        if self.namespace:
            return self.namespace in match.namespaces
        return match.view_name in self.url_names


RULES = (
    Rule("login", url_names=PASSWORD_FORMS, methods=frozenset({"POST"})),
    Rule("suggest", url_names=frozenset({"search_suggest"}), json=True),
    Rule("search", url_names=frozenset({"search"})),
    Rule("search", url_names=frozenset({"wagtail_serve"}), only_with_query=True),
    Rule("api", namespace="hsds", json=True),
    Rule("widgets", url_names=frozenset({"widgets:api", "widgets:click"}), json=True),
    Rule("widgets", url_names=frozenset({"widgets:frame", "widgets:embed_script"})),
)


def rule_for(request):
    match = request.resolver_match
    return next((rule for rule in RULES if rule.matches(request, match)), None)


class RateLimitMiddleware:
    """Answers 429 with Retry-After once a visitor is over a limit of RULES; adds Retry-After
    to a view's own 429 after it asked the limiter (the contact form keeps what was typed)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        verdict = getattr(request, "rate_limited", None)
        if response.status_code == 429 and verdict and not response.has_header("Retry-After"):
            with_retry_after(response, verdict.retry_after)
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        rule = rule_for(request)
        if rule is None:
            return None
        verdict = hit(request, rule.limit)
        if verdict.limited:
            return too_many_requests(request, verdict.retry_after, json=rule.json)
        return None
