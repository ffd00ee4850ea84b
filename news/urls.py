"""Public URLs of the news app that are not Wagtail pages (feeds, downloads, form endpoints)."""

urlpatterns = []
