"""The visitor's address, the one every limit and the login lockout count.

A proxy in front of the app makes every request come from the proxy, and it writes the
address it saw at the end of X-Forwarded-For. Anyone can send that header, so it is only
believed when the request comes from a proxy listed in settings.TRUSTED_PROXIES (addresses or
networks). Then, reading from the right, every entry written by a trusted proxy is skipped
and the first other one is the visitor: what a visitor forges stands further left and is
never reached. With TRUSTED_PROXIES empty (the default) X-Forwarded-For is ignored.
"""

import ipaddress
from functools import lru_cache

from django.conf import settings


@lru_cache(maxsize=8)
def _networks(trusted):
    return tuple(ipaddress.ip_network(entry, strict=False) for entry in trusted)


def trusted_networks():
    return _networks(tuple(getattr(settings, "TRUSTED_PROXIES", ())))


def _address(text):
    try:
        return ipaddress.ip_address(text.strip())
    except ValueError:
        return None


def _is_trusted(address, networks):
    return any(address in network for network in networks)


def client_address(request):
    """The visitor's IP address as text (REMOTE_ADDR unless a trusted proxy forwarded it)."""
    remote = request.META.get("REMOTE_ADDR", "")
    networks = trusted_networks()
    address = _address(remote)
    if address is None or not _is_trusted(address, networks):
        return remote
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    for entry in reversed(forwarded.split(",")):
        hop = _address(entry)
        if hop is None:  # a trusted proxy writes addresses only: stop at the last sure one
            break
        address = hop
        if not _is_trusted(hop, networks):
            break
    return str(address)


IPV6_NETWORK_PREFIX = 64  # one line, household or server usually holds a whole /64


def counted_address(request):
    """The address a limit or the login lockout counts: the visitor's IPv4 address, or the
    first address of their IPv6 /64, so that walking through one's own /64 does not escape."""
    address = client_address(request)
    parsed = _address(address)
    if parsed is None or parsed.version == 4:
        return address
    if parsed.ipv4_mapped:  # ::ffff:192.0.2.1 is an IPv4 visitor
        return str(parsed.ipv4_mapped)
    network = ipaddress.ip_network(f"{parsed}/{IPV6_NETWORK_PREFIX}", strict=False)
    return str(network.network_address)
