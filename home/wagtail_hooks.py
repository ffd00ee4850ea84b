"""Wagtail hooks of the site frame."""

from wagtail import hooks

from . import cache as page_cache


@hooks.register("before_serve_page")
def offer_page_to_cache(page, request, serve_args, serve_kwargs):
    # Only Wagtail pages (and views decorated with cache_public) may be stored by PageCacheMiddleware.
    page_cache.mark_page(request, page)
