#!/usr/bin/env bash
# Security checks of code and dependencies. bandit must be clean. pip-audit fails the run
# when it finds a known vulnerability; packages its advisory source cannot resolve are listed.
set -uo pipefail
VENV=${VENV:-.venv}
"$VENV/bin/bandit" -q -c pyproject.toml -r config core organisation steuerung controlling sozialraum frontend || exit 1
ausgabe=$(timeout 300 "$VENV/bin/pip-audit" --skip-editable --progress-spinner off 2>&1)
status=$?
echo "$ausgabe" | head -3
if echo "$ausgabe" | grep -qE "Found [0-9]+ known vulnerabilit"; then
  echo "$ausgabe"
  exit 1
fi
nicht=$(echo "$ausgabe" | grep -c "could not be audited" || true)
[ "$nicht" -gt 0 ] && echo "pip-audit: $nicht Pakete konnten nicht gegen die Advisory-Datenbank geprüft werden."
[ $status -ne 0 ] && echo "pip-audit endete mit Status $status (keine bekannte Schwachstelle gemeldet)."
exit 0
