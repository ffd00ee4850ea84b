"""A test-only app: a snippet and a page type that exercise every rule of the page cache
(tests/site/test_page_cache.py).

It is installed by site_cms/settings/test.py only and has its migrations run only in the test database.
"""
