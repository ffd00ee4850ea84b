#!/usr/bin/env bash
# Restore a backup made by deploy/backup.sh into an EMPTY database (docs/deploy.md, "Backups and restore").
#
#   createdb kesbangpol_restored
#   DATABASE_URL=postgres://…/kesbangpol_restored MEDIA_ROOT=/srv/kesbangpol/media \
#     PRIVATE_MEDIA_ROOT=/srv/kesbangpol/var/private DJANGO_SETTINGS_MODULE=site_cms.settings.production SECRET_KEY=… \
#     SITE_URL=https://kesbangpol.kaltengprov.go.id \
#     deploy/restore.sh DUMP [MEDIA_TARBALL [PRIVATE_TARBALL]]
#
# All or nothing: the dump is restored in one transaction. Then `migrate` brings an older dump up to the code's
# schema, and the page cache is purged so no page rendered from the old data is served.
set -euo pipefail
: "${DATABASE_URL:?set DATABASE_URL to the (empty) database to restore into}"
dump=${1:?usage: deploy/restore.sh DUMP [MEDIA_TARBALL [PRIVATE_TARBALL]]}
media=${2:-}
private=${3:-}
cd "$(dirname "$0")/.."
python=${PYTHON:-.venv/bin/python}
pg_restore --no-owner --no-privileges --exit-on-error --single-transaction --dbname "$DATABASE_URL" "$dump"
if [ -n "$media" ]; then
    : "${MEDIA_ROOT:?set MEDIA_ROOT to restore media}"
    mkdir -p "$MEDIA_ROOT"
    tar -C "$MEDIA_ROOT" -xzf "$media"
fi
if [ -n "$private" ]; then
    : "${PRIVATE_MEDIA_ROOT:?set PRIVATE_MEDIA_ROOT to restore the private files}"
    mkdir -p "$PRIVATE_MEDIA_ROOT"
    tar -C "$PRIVATE_MEDIA_ROOT" -xzf "$private"
fi
"$python" manage.py migrate --noinput
"$python" manage.py purge_page_cache
echo "restored $dump${media:+ and $media}${private:+ and $private}"
