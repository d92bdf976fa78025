#!/usr/bin/env bash
# `make test-spark` (opt-in, not in CI): the Spark example in local mode on a small
# fixture, checked against the CLI, and its speed next to spaCy's in the same job.
# PySpark, pandas, pyarrow and spaCy (pinned in python/requirements-spark.txt) go into
# .venv-spark the first time; Java 17 must be installed (it is on these machines).
set -euo pipefail
cd "$(dirname "$0")/.."

command -v java >/dev/null || { echo "test-spark: Spark needs Java (apt install openjdk-17-jre-headless)" >&2; exit 1; }
if [ ! -x .venv-spark/bin/python ] || [ python/requirements-spark.txt -nt .venv-spark/.installed ]; then
  echo "[test-spark] installing PySpark, pandas, pyarrow and spaCy into .venv-spark (once; about 500 MB)"
  python3 -m venv .venv-spark
  .venv-spark/bin/pip install -q -r python/requirements-spark.txt
  touch .venv-spark/.installed
fi
cargo build --release --locked --quiet
scripts/build-python.sh
.venv-spark/bin/pip install -q --force-reinstall --no-deps "$(ls -t target/wheels/ner_highlight-*manylinux*.whl | head -1)"
# The spaCy component's tests, where spaCy is installed.
.venv-spark/bin/pip install -q pytest==8.4.2 hypothesis==6.140.2
HYPOTHESIS_STORAGE_DIRECTORY=target/python-test-venv-hypothesis .venv-spark/bin/pytest -q -p no:cacheprovider python/tests/test_spacy.py
PYSPARK_PYTHON="$PWD/.venv-spark/bin/python" .venv-spark/bin/python scripts/test_spark.py "$@"
