#!/usr/bin/env bash
# Installs the Debian packages the test suite needs, when missing: Chromium (accessibility,
# offline and PDF tests), poppler-utils (pdftotext/pdfinfo) and LibreOffice Calc (the tableau
# renders on one page). Needs root; otherwise says what to install.
set -euo pipefail

need=()          # installed with Debian's recommendations (fonts for Chromium)
need_lean=()     # installed without them (LibreOffice would pull a desktop otherwise)
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
command -v libreoffice >/dev/null 2>&1 || need_lean+=(libreoffice-calc-nogui)

if [ ${#need[@]} -eq 0 ] && [ ${#need_lean[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" != 0 ]; then
  echo "Paquets manquants : ${need[*]} ${need_lean[*]} (sudo apt-get install ${need[*]} ${need_lean[*]})" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
[ ${#need[@]} -eq 0 ] || apt-get install -y -q "${need[@]}"
[ ${#need_lean[@]} -eq 0 ] || apt-get install -y -q --no-install-recommends "${need_lean[@]}"
