#!/bin/sh
# The real keychain round trip (test/unit/secrets/keychain.test.ts) against GNOME Keyring's Secret Service, in a
# private D-Bus session with a throw-away keyring (its own XDG_DATA_HOME), so it never touches a real login
# keyring. Needs the Debian packages dbus and gnome-keyring. CI runs this script.
set -eu
cd "$(dirname "$0")/.."
command -v dbus-run-session >/dev/null || { echo "test-keychain: dbus-run-session missing (apt-get install dbus)" >&2; exit 1; }
command -v gnome-keyring-daemon >/dev/null || { echo "test-keychain: gnome-keyring-daemon missing (apt-get install gnome-keyring)" >&2; exit 1; }
exec dbus-run-session -- sh -c '
  set -eu
  XDG_DATA_HOME="$(mktemp -d)"
  export XDG_DATA_HOME
  trap "rm -rf \"$XDG_DATA_HOME\"" EXIT
  # --unlock reads the new keyring password from stdin and creates an unlocked "login" collection.
  eval "$(printf "batchdesk-test" | gnome-keyring-daemon --unlock --components=secrets)"
  export GNOME_KEYRING_CONTROL
  BATCHDESK_KEYCHAIN_TEST=1 npx vitest run test/unit/secrets/keychain.test.ts "$@"
' test-keychain "$@"
