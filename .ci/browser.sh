# shellcheck shell=bash
# .ci/browser.sh: find or install Chromium for the web UI's browser test
# (server/browser_test.go). Source it:
#
#	. .ci/browser.sh             # then go test ./...
#
# On success it exports SITREP_CHROMIUM (the browser binary, normally
# /usr/bin/chromium). It installs Debian's chromium with apt-get when no
# browser is found and it runs as root (or with passwordless sudo): first
# without, then after, an apt-get update, a few tries each. Anything that
# fails is reported on stderr and leaves SITREP_CHROMIUM unset, so that the
# browser test skips instead of failing CI: this file never exits and never
# returns an error, even under set -euo pipefail. Run directly, it prints
# the path.
#
# Variables: SITREP_NO_BROWSER=1 skips it all.

_sitrep_browser_say() { echo "browser: $*" >&2; }

# _sitrep_browser_ok PATH: PATH is a Chromium that starts.
_sitrep_browser_ok() {
	[ -n "$1" ] && [ -x "$1" ] && timeout 60 "$1" --headless --no-sandbox --version >/dev/null 2>&1
}

_sitrep_browser_find() {
	local c
	for c in "${SITREP_CHROMIUM:-}" /usr/bin/chromium \
		"$(command -v chromium 2>/dev/null || true)" \
		"$(command -v chromium-browser 2>/dev/null || true)"; do
		if _sitrep_browser_ok "$c"; then
			echo "$c"
			return 0
		fi
	done
	return 1
}

_sitrep_browser_install() {
	local sudo="" i
	if [ "$(id -u)" != 0 ]; then
		if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
			sudo="sudo -n"
		else
			_sitrep_browser_say "not root and no passwordless sudo: cannot install chromium"
			return 1
		fi
	fi
	if ! command -v apt-get >/dev/null 2>&1; then
		_sitrep_browser_say "no apt-get: cannot install chromium"
		return 1
	fi
	for i in 1 2 3 4; do
		# The first two tries use the package lists as they are; the
		# others refresh them first (a stale list names files the mirror
		# no longer has).
		if [ "$i" -gt 2 ]; then
			$sudo env DEBIAN_FRONTEND=noninteractive timeout 600 apt-get update -q >&2 || true
		fi
		if $sudo env DEBIAN_FRONTEND=noninteractive timeout 900 \
			apt-get install -y -q --no-install-recommends -o Dpkg::Use-Pty=0 \
			-o DPkg::Lock::Timeout=120 chromium >&2; then
			return 0
		fi
		_sitrep_browser_say "apt-get install chromium failed (try $i)"
		sleep $((i * 5))
	done
	return 1
}

_sitrep_browser_main() {
	local p
	if [ "${SITREP_NO_BROWSER:-}" = 1 ]; then
		_sitrep_browser_say "SITREP_NO_BROWSER=1: skipped"
		return 0
	fi
	if ! p=$(_sitrep_browser_find); then
		_sitrep_browser_say "no Chromium found: installing Debian's chromium"
		if _sitrep_browser_install; then
			p=$(_sitrep_browser_find) || p=""
		fi
	fi
	if [ -z "${p:-}" ]; then
		_sitrep_browser_say "no working Chromium: the browser test will skip"
		unset SITREP_CHROMIUM
		return 0
	fi
	export SITREP_CHROMIUM="$p"
	_sitrep_browser_say "SITREP_CHROMIUM=$p ($("$p" --headless --no-sandbox --version 2>/dev/null | head -n1))"
}

_sitrep_browser_main || true

# Run directly (not sourced): print the path.
if [ "${BASH_SOURCE[0]:-$0}" = "$0" ]; then
	echo "${SITREP_CHROMIUM:-}"
fi
true
