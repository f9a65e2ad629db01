"""Admin and serving hooks of the campaign library."""

from wagtail import hooks

from .access import forbid_other_partners
from .models import CampaignIndexPage, CampaignPage, MaterialPage


@hooks.register("before_serve_page", order=-10)
def partner_pages_forbid_other_partners(page, request, serve_args, serve_kwargs):
    if isinstance(page, CampaignIndexPage | CampaignPage | MaterialPage):
        forbid_other_partners(request, page)
