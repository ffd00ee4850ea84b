"""Template tags for the site frame: menu, breadcrumbs, structured data, social images."""

import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from wagtail.models import Page, Site

from home import cache as page_cache
from home import siteurl
from home.phone import normalise_phone

register = template.Library()

# Characters that could end a <script> element or start markup inside it (same set as Django's json_script).
_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def site_root(request):
    """The root page of the request's site, looked up once per request."""
    if request is None:
        return None
    if not hasattr(request, "_site_root_page"):
        site = Site.find_for_request(request)
        request._site_root_page = site.root_page if site else None
    return request._site_root_page


@register.inclusion_tag("includes/error_summary.html")
def error_summary(*forms):
    """The GOV.UK error summary for the forms of one page, given in the order the page shows them.

    Errors are listed in the order of the page (a form's consent box is its last field on every page, wherever the
    form class declares it), each linking to its field: the first option of a group of radios or checkboxes. The
    summary has `autofocus`, so the browser moves focus to it after a failed submission, JavaScript or not.
    """
    forms = [form for form in forms if form]
    general, fields, consent = [], [], []
    for form in forms:
        general.extend(form.non_field_errors())
        for field in form.hidden_fields():
            general.extend(field.errors)
        for field in form.visible_fields():
            anchor = field.auto_id + ("_0" if field.use_fieldset else "")
            items = [(f"{field.label}: {error}", anchor) for error in field.errors]
            (consent if field.name == "consent" else fields).extend(items)
    return {"general": general, "items": fields + consent, "has_errors": any(form.errors for form in forms)}


@register.simple_tag
def privacy_notice():
    """The live privacy notice page (for the footer link), or None; kept like the menu (home/cache.py)."""
    from home.privacy import current_privacy_notice

    return page_cache.site_data("privacy-notice", current_privacy_notice)


@register.simple_tag(takes_context=True)
def link_url(context, value):
    """The address of a block with a `page` and an `external_url` (OneLinkMixin in home/blocks.py). The page's URL is
    built with the request, as `{% pageurl %}` does: Wagtail then reads the site root paths once per request instead
    of from the cache for every link."""
    page = value.get("page")
    return page.get_url(context.get("request")) if page else value.get("external_url")


def frame_pages(request):
    """The pages the frame links: {"menu": [page, ...], "apps": [(url, title), ...], "privacy": (url, title) or None}.

    The menu is the site's home page's children shown in menus (Wagtail's "Show in menus"), in tree order. The
    footer's services: an app adds a page with a `footer_links` hook returning its page type (a Page subclass), e.g.
    the PPID page; the first live, public page of each type is linked, in hook order, and the privacy notice after
    the others. Read with the private sections in one query per request (home/frame.py).
    """
    from django.contrib.contenttypes.models import ContentType

    from home.frame import MENU_DEPTH, footer_models, site_pages
    from home.models import PrivacyNoticePage

    root = site_root(request)
    known = site_pages()
    if root is None:
        menu = []
    elif root.depth + 1 == MENU_DEPTH:
        menu = [page for page in known["menu"] if page.path.startswith(root.path)]
    else:
        menu = page_cache.site_data(
            f"main-menu:{root.pk}", lambda: list(root.get_children().live().public().in_menu().order_by("path"))
        )
    models = footer_models()
    types = ContentType.objects.get_for_models(*models, for_concrete_models=False)
    links = [
        (model, (page.get_url(request), page.title))
        for model in models
        if (page := known["footer"].get(types[model].pk)) is not None
    ]
    return {
        "menu": menu,
        "apps": [link for model, link in links if model is not PrivacyNoticePage],
        "privacy": next((link for model, link in links if model is PrivacyNoticePage), None),
    }


@register.simple_tag(takes_context=True)
def footer_links(context):
    """The footer's services and privacy notice (`frame_pages`)."""
    return frame_pages(context.get("request"))


@register.filter
def tel_href(phone):
    """'(0536) 123-456 ext' -> 'tel:0536123456': digits and a leading + only."""
    phone = str(phone or "").strip()
    digits = "".join(ch for ch in phone if ch.isdigit())
    return f"tel:{'+' if phone.startswith('+') else ''}{digits}"


@register.inclusion_tag("includes/main_menu.html", takes_context=True)
def main_menu(context):
    request = context.get("request")
    root = site_root(request)
    current = context.get("page")
    items = [
        {"page": child, "active": bool(current and isinstance(current, Page) and current.path.startswith(child.path))}
        for child in (frame_pages(request)["menu"] if root is not None else [])
    ]
    return {
        "root": root,
        "items": items,
        "request": request,
        "on_home": bool(current and root and current.pk == root.pk),
    }


def _breadcrumb_pages(page):
    # The site root (the home page) and everything between it and the page; the tree root (depth 1) is not shown.
    # The visible trail and its JSON-LD both ask, so the page object keeps the answer (one query per request; none
    # when home/routing.py found the page, which read the same pages on the way).
    if getattr(page, "_breadcrumb_pages", None) is None:
        page._breadcrumb_pages = list(
            page.get_ancestors().filter(depth__gt=1).only("id", "title", "path", "depth", "url_path")
        )
    return page._breadcrumb_pages


@register.simple_tag
def parent_page(page):
    """The page's parent (below the home page's depth: the home page), from the breadcrumb trail: no query when
    routing found the page."""
    return _breadcrumb_pages(page)[-1]


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context, page):
    return {
        "ancestors": _breadcrumb_pages(page) if page.depth > 2 else [],
        "page": page,
        "request": context.get("request"),
    }


def json_ld_script(data):
    """A <script type="application/ld+json"> element; the escapes make it impossible for data to close it."""
    payload = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_JSON_SCRIPT_ESCAPES)
    # Safe: every character that could end the element or open markup is escaped above.
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(payload))


@register.simple_tag(takes_context=True)
def breadcrumb_json_ld(context, page):
    request = context.get("request")
    trail = [*_breadcrumb_pages(page), page] if page.depth > 2 else [page]
    data = {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": i, "name": p.title, "item": p.get_full_url(request)}
            for i, p in enumerate(trail, start=1)
        ],
    }
    return json_ld_script(data)


# The OpenGraph image size (1.91:1, as Open Graph's og:image is shown by WhatsApp and Facebook); the JSON-LD of
# news and events reuses the same rendition, so a shared page costs no extra one.
SHARE_IMAGE_SPEC = "fill-1200x630"
# The header's logo rendition, reused as the organisation's logo in JSON-LD.
LOGO_SPEC = "fill-96x96"


def share_image_url(page, request=None, spec=SHARE_IMAGE_SPEC):
    """Absolute URL of the page's sharing image, else the site's default sharing image (SiteSettings), else ''."""
    from home.models import SiteSettings

    image = page.get_meta_image() if hasattr(page, "get_meta_image") else None
    if not image:
        image = SiteSettings.load(request).share_image
    if not image:
        return ""
    # On the public address, like the page's canonical link: a crawler given another host would fetch it there.
    return siteurl.absolute(image.get_rendition(spec).url)


@register.simple_tag(takes_context=True)
def meta_image_url(context, page, spec=SHARE_IMAGE_SPEC):
    """Absolute URL of the page's sharing image (OpenGraph/Twitter) or the site's default, or an empty string."""
    return share_image_url(page, context.get("request"), spec)


def agency_logo_url(site_settings):
    """Absolute URL of the agency's logo: the uploaded one, else the built-in emblem."""
    logo_url = site_settings.logo.get_rendition(LOGO_SPEC).url if site_settings.logo else static("home/img/emblem.svg")
    return siteurl.absolute(logo_url)


def organization_data(site_settings):
    """The agency as a schema.org GovernmentOrganization (https://schema.org/GovernmentOrganization)."""
    home = siteurl.absolute("/")
    data = {
        "@type": "GovernmentOrganization",
        "@id": f"{home}#organization",
        "name": site_settings.agency_name,
        "alternateName": site_settings.short_name,
        "url": home,
        "logo": {"@type": "ImageObject", "url": agency_logo_url(site_settings)},
    }
    if site_settings.address:
        data["address"] = {
            "@type": "PostalAddress",
            "streetAddress": ", ".join(line.strip() for line in site_settings.address.splitlines() if line.strip()),
            "addressCountry": "ID",
        }
    # https://schema.org/ContactPoint: the office's phone and e-mail, and its WhatsApp chat as a second point.
    office = {"@type": "ContactPoint", "contactType": "customer service", "availableLanguage": ["id"]}
    if site_settings.phone:
        try:
            office["telephone"] = normalise_phone(site_settings.phone)
        except ValueError:
            office["telephone"] = site_settings.phone
    if site_settings.email:
        office["email"] = site_settings.email
    points = [office] if len(office) > 3 else []
    if site_settings.whatsapp_number:
        points.append(
            {
                "@type": "ContactPoint",
                "contactType": "WhatsApp",
                "telephone": f"+{site_settings.whatsapp_number}",
                "url": site_settings.whatsapp_url(),
                "availableLanguage": ["id"],
            }
        )
    if points:
        data["contactPoint"] = points
    return data


@register.simple_tag(takes_context=True)
def site_json_ld(context):
    """The home page's schema.org items: the agency (GovernmentOrganization) and the site (WebSite) with its search.

    The SearchAction follows https://schema.org/SearchAction (an EntryPoint `urlTemplate` and `query-input`), on
    the site search (home/views.py `search`, which reads `q`).
    """
    from home.models import SiteSettings

    site_settings = SiteSettings.load(context.get("request"))
    home = siteurl.absolute("/")
    organization = {"@context": "https://schema.org", **organization_data(site_settings)}
    website = {
        "@context": "https://schema.org",
        "@type": "WebSite",
        "@id": f"{home}#website",
        "name": site_settings.short_name,
        "alternateName": site_settings.agency_name,
        "url": home,
        "inLanguage": "id",
        "publisher": {"@id": organization["@id"]},
        "potentialAction": {
            "@type": "SearchAction",
            "target": {
                "@type": "EntryPoint",
                "urlTemplate": siteurl.absolute(reverse("search")) + "?q={search_term_string}",
            },
            "query-input": "required name=search_term_string",
        },
    }
    return json_ld_script(organization) + json_ld_script(website)


class FragmentNode(template.Node):
    def __init__(self, nodelist, parts, per_path):
        self.nodelist = nodelist
        self.parts = parts
        self.per_path = per_path

    def render(self, context):
        request = context.get("request")
        if request is None or getattr(request, "is_preview", False) or getattr(request, "is_dummy", False):
            return self.nodelist.render(context)
        parts = page_cache.fragment_parts(request, [part.resolve(context, ignore_failures=True) for part in self.parts])
        html = page_cache.fragment(
            parts,
            lambda: str(self.nodelist.render(context)),
            path=request.path if self.per_path else None,
            request=request,
        )
        return mark_safe(html)


@register.tag
def fragment(parser, token):
    """{% fragment "name" value… [per_path] %}…{% endfragment %}: HTML kept until content changes.

    The enclosed template renders once and is then reused, while the page cache's site token (and, with
    `per_path`, the request path's token) is unchanged: every publish, snippet, setting or image change forgets
    it, as it forgets cached pages (home/cache.py). The key is the name, the values given, the language, the
    scheme and the host. Enclose only what is the same for every visitor and depends on nothing but content and
    the values given: never a form (CSRF token), a user, a query string not in the values, or a clock beyond the
    pages' own cache lifetime. Previews always render afresh.
    """
    bits = token.split_contents()[1:]
    if not bits:
        raise template.TemplateSyntaxError("{% fragment %} needs a name")
    per_path = bits[-1] == "per_path"
    if per_path:
        bits = bits[:-1]
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    return FragmentNode(nodelist, [parser.compile_filter(bit) for bit in bits], per_path)
