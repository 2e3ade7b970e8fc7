#!/usr/bin/env bash
# Installs a real Letta server into a cached venv and seeds tiktoken's cache so it works
# offline. Idempotent: a finished install is marked and reused.
#
#   install.sh [VERSION]  0.7.29 (the default) or 0.16.8
#
#   LETTA_TESTKIT_CACHE  cache root (default /var/tmp/letta-testkit-$UID; it must be readable by
#                        the unprivileged user PostgreSQL runs as when this runs as root)
#   PYTHON               interpreter to build the venv with (default python3, must be 3.11)
#
# 0.16.8 also needs its schema migrations, which only its source distribution carries: the
# venv gets `migrations/alembic.ini` and `migrations/alembic/` from it (PyPI must be reachable).
#
# Prints the venv path on its last line.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
letta_version="${1:-0.7.29}"
case "$letta_version" in
  0.7.29 | 0.16.8) ;;
  *)
    echo "letta-testkit: no pinned install for Letta $letta_version (known: 0.7.29, 0.16.8)" >&2
    exit 2
    ;;
esac
requirements="$here/requirements-$letta_version.txt"
cache="${LETTA_TESTKIT_CACHE:-/var/tmp/letta-testkit-$(id -u)}"
python="${PYTHON:-python3}"

hash="$(cat "$requirements" | sha256sum | cut -c1-12)"
venv="$cache/venv-$letta_version-$hash"
tiktoken_dir="$cache/tiktoken"

umask 022
mkdir -p "$cache"
chmod 755 "$cache"

# One installer at a time (test binaries may start in parallel).
exec 9>"$cache/install.lock"
flock 9

if [ ! -f "$venv/.ready" ]; then
  version="$("$python" -c 'import sys; print("%d.%d" % sys.version_info[:2])')"
  if [ "$version" != "3.11" ]; then
    echo "letta-testkit: Letta $letta_version is pinned for Python 3.11, but $python is $version; set PYTHON" >&2
    exit 1
  fi
  rm -rf "$venv"
  if [ "$letta_version" = 0.7.29 ]; then
    echo "letta-testkit: installing Letta 0.7.29 into $venv (about 1-2 minutes, once)" >&2
    "$python" -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check --no-input -r "$requirements" >&2
  else
    echo "letta-testkit: installing Letta $letta_version into $venv (about 3-4 minutes, once)" >&2
    "$python" -m venv "$venv"
    # The pip that venv bundles (23.2) crashes resolving `lxml[html-clean]`; 26.3 is known good.
    "$venv/bin/pip" install --quiet --disable-pip-version-check --no-input "pip==26.3" >&2
    "$venv/bin/pip" install --quiet --disable-pip-version-check --no-input -r "$requirements" >&2
    # The wheel has no migrations and `letta server` creates no schema; the sdist has both.
    sdist="$(mktemp -d)"
    trap 'rm -rf "$sdist"' EXIT
    "$venv/bin/pip" download --quiet --disable-pip-version-check --no-input \
      --no-binary :all: --no-deps -d "$sdist" "letta==$letta_version" >&2
    tar -xzf "$sdist"/letta-"$letta_version".tar.gz -C "$sdist"
    mkdir -p "$venv/migrations"
    cp -r "$sdist/letta-$letta_version/alembic" "$sdist/letta-$letta_version/alembic.ini" "$venv/migrations/"
  fi
  touch "$venv/.ready"
fi

if [ ! -f "$tiktoken_dir/.ready" ]; then
  # tiktoken downloads its BPE files at run time; the Rust crate tiktoken-rs ships the same files.
  # Its package folder is on disk once Cargo has fetched it (it is a dependency of letta-testkit).
  workspace="$(cd "$here/../.." && pwd)"
  assets="$(cd "$workspace" && cargo metadata --format-version 1 2>/dev/null | "$python" -c '
import json, os, sys
for p in json.load(sys.stdin)["packages"]:
    if p["name"] == "tiktoken-rs":
        print(os.path.join(os.path.dirname(p["manifest_path"]), "assets"))
        break
')"
  if [ -z "$assets" ] || [ ! -f "$assets/cl100k_base.tiktoken" ]; then
    echo "letta-testkit: could not find tiktoken-rs's assets (cargo metadata in $workspace)" >&2
    exit 1
  fi
  mkdir -p "$tiktoken_dir"
  "$python" - "$assets" "$tiktoken_dir" <<'PY'
import hashlib, shutil, sys, os
assets, target = sys.argv[1], sys.argv[2]
base = "https://openaipublic.blob.core.windows.net/"
files = {f"encodings/{n}.tiktoken": f"{n}.tiktoken" for n in ("cl100k_base", "o200k_base", "p50k_base", "r50k_base")}
files["gpt-2/encodings/main/vocab.bpe"] = "vocab.bpe"
files["gpt-2/encodings/main/encoder.json"] = "encoder.json"
for url_tail, name in files.items():
    key = hashlib.sha1((base + url_tail).encode()).hexdigest()
    shutil.copyfile(os.path.join(assets, name), os.path.join(target, key))
PY
  touch "$tiktoken_dir/.ready"
fi

echo "$venv"
