"""Public images straight from MEDIA_ROOT when no front server does it (production without nginx).

nginx serves `/media/images/` and `/media/original_images/` from disk (deploy/nginx.conf) and never passes them on;
without nginx (gunicorn alone, a rehearsal, a small server) every photo on every page was a 404. These views answer
the same two folders with nginx's headers: cached for 30 days (names are random and never reused), `nosniff`, and a
`default-src 'none'` policy like documents, so a file is only ever shown as the image it is. Nothing else under
MEDIA_ROOT is served: documents go through Wagtail's serve view (private collections, attachment headers), files
uploaded with forms are personal data. Only image extensions Wagtail accepts are answered; any other name is a 404.
"""

from pathlib import PurePosixPath

from django.conf import settings
from django.http import Http404
from django.views.decorators.http import require_safe
from django.views.static import serve

PUBLIC_FOLDERS = ("images", "original_images")
CACHE_CONTROL = "public, max-age=2592000"
IMAGE_EXTENSIONS = {"jpg", "jpeg", "png", "webp", "avif", "gif"}


@require_safe
def public_image(request, folder, name):
    if folder not in PUBLIC_FOLDERS or "/" in name or PurePosixPath(name).suffix[1:].lower() not in IMAGE_EXTENSIONS:
        raise Http404("not a public image")
    response = serve(request, f"{folder}/{name}", document_root=settings.MEDIA_ROOT)
    response["Cache-Control"] = CACHE_CONTROL
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'"
    return response
