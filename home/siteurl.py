"""The site's public address, SITE_URL, and everything built from it.

Links that leave the site (mails, feeds, sitemap, canonical and share links, JSON-LD) must point at the address
visitors use, whoever builds them: a command or the task worker has no request, and a request's Host header is
chosen by whoever sends it. So they are built from one setting, never from the request:

* `absolute(path)`: an absolute URL on the public site;
* `sync_site()`: keeps Wagtail's default `Site` row (which `Page.get_full_url()` reads) in step with SITE_URL; run
  after every `migrate` (post_migrate, home/apps.py) and by `manage.py sync_site`. django.contrib.sites' row is
  not used for links (Django's feed views add its domain to relative links only; ours are all absolute);
* `tag_uri()` and `ID_DOMAIN`: identifiers that never change with the address (feed GUIDs, Atom ids, iCalendar
  UIDs), so moving the site or setting SITE_URL never makes a feed reader or a calendar see everything twice.

The top of the module uses only the standard library: site_cms/settings/ imports `parse` and `problems`.
"""

import ipaddress
from urllib.parse import urljoin, urlsplit

# The domain that mints our stable identifiers: the agency's own (deploy/nginx.conf), written once and never derived
# from SITE_URL. RFC 4151 tag URIs name a domain its owner held on the given date; iCalendar UIDs are "unique-id@domain"
# by RFC 5545 section 3.8.4.7's recommendation.
ID_DOMAIN = "kesbangpol.kaltengprov.go.id"
ID_DATE = "2026"


def parse(url):
    """'https://Host.example/' -> ('https://host.example', 'host.example', 443); ValueError when it is no site root."""
    parts = urlsplit(str(url).strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(
            f"SITE_URL must be an http(s) address such as https://kesbangpol.kaltengprov.go.id, not {url!r}"
        )
    if parts.path not in ("", "/") or parts.query or parts.fragment or parts.username or parts.password:
        raise ValueError(f"SITE_URL must be the root of the site (no path, query or user), not {url!r}")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError as exc:
        raise ValueError(f"SITE_URL has an invalid port: {url!r}") from exc
    if (parts.scheme == "https") != (port == 443):
        # Wagtail's Site has a host name and a port, no scheme: `Site.root_url` is https on port 443 and http on
        # every other port, so no other pairing could come out of Page.get_full_url() as configured.
        raise ValueError(f"SITE_URL must be https on port 443 or http on another port, not {url!r}")
    hostname = parts.hostname  # lowercased by urlsplit; IPv6 without brackets
    host = f"[{hostname}]" if ":" in hostname else hostname
    root = f"{parts.scheme}://{host}" + ("" if port in (80, 443) else f":{port}")
    return root, hostname, port


def is_local(hostname):
    """This machine: localhost (and *.localhost, RFC 6761), a loopback or unspecified address."""
    if hostname == "localhost" or hostname.endswith(".localhost"):
        return True
    try:
        address = ipaddress.ip_address(hostname)
    except ValueError:
        return False
    return address.is_loopback or address.is_unspecified


def problems(url):
    """Why `url` cannot be the public address of a production site (empty when it can)."""
    if not url:
        return ["SITE_URL is not set"]
    try:
        root, hostname, _port = parse(url)
    except ValueError as exc:
        return [str(exc)]
    found = []
    if not root.startswith("https://"):
        found.append(f"SITE_URL must use https ({root})")
    if is_local(hostname):
        found.append(f"SITE_URL points at this machine ({root}), not at the address visitors use")
    return found


def site_url():
    from django.conf import settings

    return settings.SITE_URL


def absolute(url):
    """`url` (a path such as '/feed/rss/', or an already absolute URL, left alone) on the public site."""
    return urljoin(site_url() + "/", str(url))


def tag_uri(specific):
    """A permanent identifier (RFC 4151), e.g. tag:kesbangpol.kaltengprov.go.id,2026:news-25."""
    return f"tag:{ID_DOMAIN},{ID_DATE}:{specific}"


def sync_site(using="default"):
    """Make the default Wagtail site answer to SITE_URL; idempotent.

    Returns what changed, as text lines (empty when nothing did). A database without a default site yet (a flushed
    test database, a restore in progress) is left alone: there is nothing to correct. Saved with `save()`, so
    Wagtail forgets its cached site root paths and the page cache purges (home/cache.py), as for an edit in the admin.
    """
    from django.conf import settings
    from wagtail.models import Site

    _root, hostname, port = parse(settings.SITE_URL)
    changed = []
    site = Site.objects.using(using).filter(is_default_site=True).first()
    if site is not None and (site.hostname, site.port) != (hostname, port):
        # Another site with this host and port would break Wagtail's unique pair: migrate then fails loudly, and
        # the two sites need sorting out by hand in Settings › Sites.
        changed.append(f"Wagtail site {site.hostname}:{site.port} -> {hostname}:{port}")
        site.hostname, site.port = hostname, port
        site.save(using=using)
    return changed


def on_post_migrate(sender, using="default", verbosity=1, **kwargs):
    """After every `migrate` (each deploy runs one), the default site follows SITE_URL (home/apps.py connects it)."""
    from django.db import connections

    if "wagtailcore_site" not in connections[using].introspection.table_names():
        return  # migrated backwards past Wagtail's tables
    for line in sync_site(using):
        if verbosity >= 1:
            print(f"  SITE_URL: {line}")


def check_site_url(app_configs=None, **kwargs):
    """`manage.py check --deploy`: the public address must be set, https and not this machine (docs/deploy.md)."""
    from django.conf import settings
    from django.core.checks import Error

    return [
        Error(
            problem,
            hint="Set SITE_URL to the address visitors use, e.g. https://kesbangpol.kaltengprov.go.id "
            "(docs/deploy.md).",
            id="home.E001",
        )
        for problem in problems(getattr(settings, "SITE_URL", ""))
    ]
