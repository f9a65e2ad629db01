"""`{% contact_form_for page %}`: the contact form for an offer or centre page, to include in
its template. Renders nothing for a page nobody can be contacted through."""

from django import template
from django.http import Http404

from directory.contact import ContactForm, contact_page_and_centre, form_context

register = template.Library()


@register.inclusion_tag("directory/contact_form_partial.html")
def contact_form_for(page):
    try:
        page, centre = contact_page_and_centre(page.pk)
    except Http404:
        return {"form": None}
    return form_context(page, centre, ContactForm(page=page))
