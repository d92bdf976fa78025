"""`make test-spark`: runs examples/spark_archive.py with PySpark in local mode on
tests/fixtures/spark/articles.jsonl (as JSON Lines, then as Parquet) and checks its
entities and groups against `ner extract --jsonl` on the same texts; then times the
job on copies of the benchmark article, with ner-highlight and with spaCy in the
same job, and prints tokens per second.

    python scripts/test_spark.py [--articles 3000] [--ner target/release/ner]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "examples"))

import spark_archive  # noqa: E402
from pyspark.sql import SparkSession  # noqa: E402


def cli_results(ner, texts):
    """What `ner extract --jsonl --offsets codepoint` gives for each text."""
    lines = "".join(json.dumps({"id": i, "text": t}) + "\n" for i, t in enumerate(texts))
    out = subprocess.run([ner, "extract", "--jsonl", "--offsets", "codepoint"], input=lines.encode(), capture_output=True, check=True)
    return {r["id"]: r for r in map(json.loads, out.stdout.decode().splitlines())}


def read_output(output):
    """The job's entities and groups, by article id, in mention order."""
    entities = pd.read_parquet(f"{output}/entities").sort_values(["id", "mention"])
    groups = pd.read_parquet(f"{output}/groups").sort_values(["id", "group"])
    by_id = {}
    for article, rows in entities.groupby("id"):
        by_id.setdefault(article, {})["entities"] = [
            {k: (None if pd.isna(v) else v) for k, v in row.items() if k not in ("id", "mention")} for row in rows.to_dict("records")
        ]
    for article, rows in groups.groupby("id"):
        by_id.setdefault(article, {})["groups"] = [(r["group"], r["name"], r["label"], r["count"]) for r in rows.to_dict("records")]
    return by_id


def check(spark, ner, source, fmt, articles, output):
    spark_archive.run(spark, str(source), str(output), fmt=fmt)
    found = read_output(output)
    expected = cli_results(ner, [a["text"] for a in articles])
    checked = 0
    for i, article in enumerate(articles):
        want = expected[i]
        got = found.get(article["id"], {})
        want_entities = [{k: e[k] for k in ("start", "end", "label", "text", "score", "source", "group")} for e in want["entities"]]
        got_entities = got.get("entities", [])
        assert len(got_entities) == len(want_entities), (article["id"], got_entities, want_entities)
        for g, w in zip(got_entities, want_entities):
            assert (g["start"], g["end"], g["label"], g["text"], g["source"], g["group"]) == (
                w["start"], w["end"], w["label"], w["text"], w["source"], w["group"]), (article["id"], g, w)
            assert abs(g["score"] - w["score"]) < 1e-9
        assert got.get("groups", []) == [(g["id"], g["name"], g["label"], g["count"]) for g in want["groups"]], article["id"]
        checked += len(want_entities)
    print(f"[test-spark] {fmt}: {len(articles)} articles, {checked} entities and their groups as the CLI gives them")
    return checked


def spacy_pipeline_name():
    """en_core_web_sm if installed; else a pipeline with its architecture, made here (see --help)."""
    import spacy

    try:
        spacy.load("en_core_web_sm")
        return "en_core_web_sm", "spaCy's en_core_web_sm"
    except OSError:
        pass
    path = Path(tempfile.gettempdir()) / "ner-highlight-spacy-sm-architecture"
    if not path.exists():
        config = path.with_suffix(".cfg")
        subprocess.run([sys.executable, "-m", "spacy", "init", "config", str(config), "--lang", "en",
                        "--pipeline", "tagger,parser,ner", "--optimize", "efficiency", "--force"], check=True, capture_output=True)
        nlp = spacy.util.load_model_from_config(spacy.util.load_config(config), auto_fill=True)
        from spacy.training import Example

        doc = nlp.make_doc("Angela Merkel visited Paris on Tuesday .")
        example = Example.from_dict(doc, {"tags": ["NNP", "NNP", "VBD", "NNP", "IN", "NNP", "."],
                                          "heads": [1, 2, 2, 2, 2, 4, 2],
                                          "deps": ["compound", "nsubj", "ROOT", "dobj", "prep", "pobj", "punct"],
                                          "entities": ["B-PERSON", "L-PERSON", "O", "U-GPE", "O", "U-DATE", "O"]})
        nlp.initialize(lambda: [example])
        nlp.to_disk(path)
    return str(path), f"a spaCy {spacy.__version__} pipeline with en_core_web_sm's architecture (tagger, parser, ner; untrained)"


def throughput(spark, ner_articles, workdir, engines):
    article = (ROOT / "benches" / "fixtures" / "article.txt").read_text(encoding="utf-8")
    tokens_per_article = json.loads((ROOT / "benches" / "results.json").read_text())["native"]["tokens"]["article"]
    corpus = workdir / "corpus"
    corpus.mkdir()
    # Several files, so that Spark reads them as several partitions.
    for part in range(8):
        with open(corpus / f"part-{part}.jsonl", "w", encoding="utf-8") as f:
            for i in range(part, ner_articles, 8):
                f.write(json.dumps({"id": f"c{i}", "text": article}) + "\n")
    tokens = tokens_per_article * ner_articles
    cores = os.cpu_count()
    print(f"[test-spark] throughput: {ner_articles} copies of the benchmark article ({tokens} tokens), Spark local[{cores}]")
    for name, options in engines:
        spark_archive.run(spark, str(corpus), str(workdir / f"warm-{name}"), **options)  # workers and model loaded
        seconds = spark_archive.run(spark, str(corpus), str(workdir / f"out-{name}"), **options)
        print(f"[test-spark]   {name:<70} {seconds:6.1f} s  {tokens / seconds / 1e3:7.1f}k tokens/s")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=3000, help="copies of the benchmark article for the timing")
    parser.add_argument("--ner", default=str(ROOT / "target" / "release" / "ner"))
    parser.add_argument("--no-spacy", action="store_true")
    args = parser.parse_args()
    articles = [json.loads(line) for line in (ROOT / "tests" / "fixtures" / "spark" / "articles.jsonl").read_text(encoding="utf-8").splitlines()]
    spark = (SparkSession.builder.master(f"local[{os.cpu_count()}]").appName("ner-highlight test-spark")
             .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "4").getOrCreate())
    spark.sparkContext.setLogLevel("ERROR")
    # The workers unpickle the UDF's functions from this module: ship it to them.
    spark.sparkContext.addPyFile(str(ROOT / "examples" / "spark_archive.py"))
    try:
        with tempfile.TemporaryDirectory() as tmp:
            workdir = Path(tmp)
            check(spark, args.ner, ROOT / "tests" / "fixtures" / "spark" / "articles.jsonl", "jsonl", articles, workdir / "jsonl")
            parquet = workdir / "articles.parquet"
            pd.DataFrame(articles).to_parquet(parquet)
            check(spark, args.ner, parquet, "parquet", articles, workdir / "parquet")
            # As the README says to run it: spark-submit, the file as the main program.
            submit = Path(sys.executable).parent / "spark-submit"
            subprocess.run([str(submit), "--master", "local[2]", str(ROOT / "examples" / "spark_archive.py"),
                            str(ROOT / "tests" / "fixtures" / "spark" / "articles.jsonl"), str(workdir / "submitted")],
                           check=True, capture_output=True)
            assert read_output(workdir / "submitted") == read_output(workdir / "jsonl")
            print("[test-spark] spark-submit examples/spark_archive.py: the same output")
            engines = [("ner-highlight (news), extract_batch in a pandas_udf", {"engine": "ner"})]
            if not args.no_spacy:
                name, description = spacy_pipeline_name()
                engines.append((description, {"engine": "spacy", "spacy_model": name}))
            throughput(spark, args.articles, workdir, engines)
    finally:
        spark.stop()
    print("[test-spark] ok")


if __name__ == "__main__":
    main()
