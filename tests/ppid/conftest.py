import pytest

from ppid.models import PPIDPage
from tests.factories import make_page


@pytest.fixture
def ppid_page(home_page):
    return make_page(home_page, PPIDPage, title="PPID", slug="ppid", show_in_menus=True)
