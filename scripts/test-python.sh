#!/usr/bin/env bash
# Builds the Python package (a wheel, with maturin) and runs its pytest suite in
# a fresh virtual environment that has nothing but the wheel and the test tools.
# Called by `make test` (and `make test-python`); `make python` only builds.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/build-python.sh
# The tests compare with the ner command line: build it if it is not there.
[ -x target/release/ner ] || [ -x target/debug/ner ] || cargo build --release --locked --quiet
wheel=$(ls -t target/wheels/ner_highlight-*manylinux*.whl | head -1)

# The test tools, downloaded once into a wheelhouse; a fresh environment each run.
wheelhouse=target/python-wheelhouse
if [ ! -f "$wheelhouse/.complete" ] || [ python/requirements-dev.txt -nt "$wheelhouse/.complete" ]; then
  echo "[test-python] downloading the test tools into $wheelhouse (once)"
  rm -rf "$wheelhouse"
  .venv-python/bin/pip download -q -d "$wheelhouse" pytest==8.4.2 hypothesis==6.140.2
  touch "$wheelhouse/.complete"
fi
venv=target/python-test-venv
rm -rf "$venv"
python3 -m venv "$venv"
"$venv/bin/pip" install -q --no-index --find-links "$wheelhouse" "$wheel" pytest hypothesis
echo "[test-python] $("$venv/bin/python" -c 'import ner_highlight, sys; print("ner_highlight", ner_highlight.__file__, "on Python", sys.version.split()[0])')"
# Run from the repository root, where no ner_highlight folder would shadow the installed package.
HYPOTHESIS_STORAGE_DIRECTORY="$venv/hypothesis" "$venv/bin/pytest" -q -p no:cacheprovider python/tests "$@"
