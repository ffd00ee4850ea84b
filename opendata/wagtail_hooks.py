from wagtail import hooks

from opendata.models import DataStatisticsPage


@hooks.register("footer_links")
def opendata_footer_link(request):
    """The statistics page in the footer's services (home/templatetags/site_tags.py `footer_links`)."""
    page = DataStatisticsPage.objects.live().public().only("id", "title", "url_path", "path", "depth").first()
    return (page.url, page.title) if page else None
