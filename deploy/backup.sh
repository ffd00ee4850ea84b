#!/usr/bin/env bash
# Back up the database, the local media folder and the private files (docs/deploy.md, "Backups and restore").
#
#   DATABASE_URL=postgres://… MEDIA_ROOT=/srv/kesbangpol/media PRIVATE_MEDIA_ROOT=/srv/kesbangpol/var/private \
#     deploy/backup.sh [DEST_DIR]
#
# Writes DEST_DIR/kesbangpol-<time>.dump (pg_dump custom format: compressed, restorable table by table),
# DEST_DIR/kesbangpol-<time>.media.tar.gz and DEST_DIR/kesbangpol-<time>.private.tar.gz, and prints their paths.
# Safe while the site runs: pg_dump reads one consistent snapshot. Media on S3 is backed up with the bucket's
# versioning instead (MEDIA_ROOT unset: skipped). PRIVATE_MEDIA_ROOT (feedback attachments, never on S3) is always
# on local disk: the database points at its files, so a backup without it restores rows whose attachments are gone.
set -euo pipefail
: "${DATABASE_URL:?set DATABASE_URL}"
dest=${1:-/var/backups/kesbangpol}
stamp=$(date -u +%Y%m%d-%H%M%S)
mkdir -p "$dest"
umask 077  # the dump holds personal data
pg_dump --format=custom --no-owner --no-privileges --file "$dest/kesbangpol-$stamp.dump" "$DATABASE_URL"
echo "$dest/kesbangpol-$stamp.dump"
if [ -n "${MEDIA_ROOT:-}" ] && [ -d "$MEDIA_ROOT" ]; then
    tar -C "$MEDIA_ROOT" -czf "$dest/kesbangpol-$stamp.media.tar.gz" .
    echo "$dest/kesbangpol-$stamp.media.tar.gz"
fi
if [ -n "${PRIVATE_MEDIA_ROOT:-}" ] && [ -d "$PRIVATE_MEDIA_ROOT" ]; then
    tar -C "$PRIVATE_MEDIA_ROOT" -czf "$dest/kesbangpol-$stamp.private.tar.gz" .
    echo "$dest/kesbangpol-$stamp.private.tar.gz"
fi
