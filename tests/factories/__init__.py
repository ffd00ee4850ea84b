"""Tiny factories for pages and media; enough for tests, no magic."""

import io
import itertools

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.images import get_image_model

from home.models import StandardPage

_counter = itertools.count(1)


def make_page(parent, model=StandardPage, publish=True, **fields):
    """Create `model` under `parent`; title and slug default to something unique."""
    n = next(_counter)
    fields.setdefault("title", f"{model.__name__} {n}")
    fields.setdefault("slug", f"{model.__name__.lower()}-{n}")
    page = model(live=publish, **fields)
    parent.add_child(instance=page)
    revision = page.save_revision()
    if publish:
        revision.publish()
    return page


def make_image(title="Foto uji", size=(800, 450), colour=(11, 61, 99)):
    buffer = io.BytesIO()
    PILImage.new("RGB", size, colour).save(buffer, "JPEG")
    image = get_image_model()(title=title, file=ImageFile(io.BytesIO(buffer.getvalue()), name="uji.jpg"))
    image.save()
    return image
