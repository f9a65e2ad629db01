"""The site's navigation on every page: main menu, footer and breadcrumbs."""

from django import template
from wagtail.models import Page

from home.navigation import Footer, NavigationMenu, for_active_locale, localized_pages

register = template.Library()


def _current_page(context):
    page = context.get("page")
    return page if isinstance(page, Page) else None


@register.inclusion_tag("home/includes/main_navigation.html", takes_context=True)
def main_navigation(context):
    menu = for_active_locale(NavigationMenu)
    items = list(menu.items.select_related("page")) if menu else []
    localized = localized_pages(item.page for item in items)
    current = _current_page(context)
    links = []
    for item in items:
        page = localized.get(item.page_id)
        if page is None:  # unpublished: no dead link in the menu
            continue
        links.append({
            "label": item.label or page.title,
            "url": page.get_url(context.get("request")),
            "is_current": current is not None and current.pk == page.pk,
        })
    return {"links": links}


@register.inclusion_tag("home/includes/footer.html", takes_context=True)
def site_footer(context):
    footer = for_active_locale(Footer)
    return {"footer": footer, "legal_pages": footer.legal_pages() if footer else [],
            "request": context.get("request")}


@register.inclusion_tag("home/includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context, current_title=None):
    """The path from the home page to the page shown, for every page below the home page.

    Each language has its own page tree (wagtail-localize), so the ancestors are already in
    the page's language. A view below a page (a directory topic) passes its own title: the
    page then becomes a link and that title the current item."""
    page = _current_page(context)
    if page is None or (page.depth <= 2 and not current_title):
        return {"crumbs": []}
    request = context.get("request")
    trail = [*page.get_ancestors().filter(depth__gt=1).live(), page]
    crumbs = [{"title": crumb.title, "url": crumb.get_url(request), "is_current": False}
              for crumb in trail]
    if current_title:
        crumbs.append({"title": current_title, "url": None, "is_current": True})
    else:
        crumbs[-1]["is_current"] = True
    return {"crumbs": crumbs}


@register.simple_tag
def partner_contact_email():
    """Where partner organisations ask for an account: the footer's e-mail address."""
    footer = for_active_locale(Footer)
    return footer.email if footer else ""
