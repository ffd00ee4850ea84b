"""Public URLs of the consultations app that are not Wagtail pages (feeds, downloads, form endpoints)."""

urlpatterns = []
