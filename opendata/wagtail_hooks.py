from wagtail import hooks

from opendata.models import DataStatisticsPage


@hooks.register("footer_links")
def opendata_footer_link():
    """The statistics page in the footer's services (home/templatetags/site_tags.py `footer_links`)."""
    return DataStatisticsPage
