#!/bin/sh
# Online backup of QR Door's SQLite database, safe while the app runs and writes: SQLite's backup API
# through the app's own better-sqlite3, then PRAGMA integrity_check on the copy. Old copies are pruned.
#
#   backup-sqlite.sh [database file] [backup folder] [days to keep]
#
# Defaults match docs/deploy/qr-door.service; APP_DIR is where QR Door is installed (its node_modules).
# Run it as the app's user, e.g. from a systemd timer or cron:  0 3 * * *  qrdoor  /opt/qr-door/docs/deploy/backup-sqlite.sh
# The copy is of the database only: keep DATA_DIR/app-secret (or APP_SECRET) safe as well, apart from
# the backups. Without it, the codes and the door passes in a restored database cannot be read.
set -eu

DB=${1:-/var/lib/qr-door/qr-door.db}
DEST=${2:-/var/backups/qr-door}
KEEP_DAYS=${3:-14}
APP_DIR=${APP_DIR:-/opt/qr-door}

mkdir -p "$DEST"
OUT="$DEST/qr-door-$(date -u +%Y%m%dT%H%M%SZ).db"

cd "$APP_DIR"
node -e '
const Database = require("better-sqlite3")
const [file, out] = process.argv.slice(1)
const source = new Database(file, { fileMustExist: true, timeout: 5000 })
// Every write the app makes between two steps restarts the copy: copy the remaining pages in one step.
source
  .backup(out, { progress: ({ totalPages }) => totalPages })
  .then(({ totalPages }) => {
    source.close()
    const copy = new Database(out)
    // One self-contained file, without -wal and -shm beside it; the app turns WAL back on when it starts.
    copy.pragma("journal_mode = DELETE")
    const check = copy.pragma("integrity_check", { simple: true })
    copy.close()
    if (check !== "ok") throw new Error(`integrity_check of ${out}: ${check}`)
    console.log(`${out}: ${totalPages} pages, integrity ok`)
  })
  .catch((error) => {
    console.error(String(error))
    process.exitCode = 1
  })
' "$DB" "$OUT" || { rm -f "$OUT"; exit 1; }

find "$DEST" -name 'qr-door-*.db' -mtime "+$KEEP_DAYS" -delete
