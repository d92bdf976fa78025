"""Entities of a news archive with Spark: reads a folder of articles (JSON Lines
or Parquet, one article per record with an id and a text), finds the entities
of each with ner-highlight inside a pandas_udf (Arrow batches; the model is
loaded once per Python worker and reused for every batch), and writes two
Parquet datasets: OUTPUT/entities (one row per mention) and OUTPUT/groups
(one row per name and article).

    pip install ner-highlight pyspark pandas pyarrow
    spark-submit examples/spark_archive.py ARTICLES OUTPUT [--format jsonl|parquet]
        [--id-column id] [--text-column text] [--model news] [--labels PERSON,ORG,GPE]
        [--min-score 0.5] [--threads 1]

An article whose text is missing (null) is read as empty: it has no rows in
either output. `--engine spacy --spacy-model en_core_web_sm` runs spaCy's pipeline in the same
job instead (for a comparison of speed; its groups are empty). `make test-spark`
runs this in local mode on a small fixture and checks it against the `ner`
command line (scripts/test_spark.py).
"""

from __future__ import annotations

import argparse
import time
from functools import lru_cache

import pandas as pd
from pyspark.sql import SparkSession, functions as F, types as T

ENTITY = T.StructType(
    [
        T.StructField("start", T.LongType()),
        T.StructField("end", T.LongType()),
        T.StructField("label", T.StringType()),
        T.StructField("text", T.StringType()),
        T.StructField("score", T.DoubleType()),
        T.StructField("source", T.StringType()),
        T.StructField("group", T.LongType()),
    ]
)
GROUP = T.StructType(
    [
        T.StructField("id", T.LongType()),
        T.StructField("name", T.StringType()),
        T.StructField("label", T.StringType()),
        T.StructField("count", T.LongType()),
        T.StructField("mentions", T.ArrayType(T.LongType())),
        T.StructField("wikipedia", T.StringType()),
    ]
)
FOUND = T.StructType([T.StructField("entities", T.ArrayType(ENTITY)), T.StructField("groups", T.ArrayType(GROUP))])


@lru_cache(maxsize=None)
def ner_model(model: str):
    """The model, loaded once per Python worker: a built-in name or a model file's path."""
    import ner_highlight

    if model in ner_highlight.BUILT_IN:
        return ner_highlight.Model.built_in(model)
    return ner_highlight.load_model(model)


@lru_cache(maxsize=None)
def spacy_pipeline(name: str):
    """spaCy's pipeline, loaded once per Python worker."""
    import spacy

    return spacy.load(name)


def extractor(engine: str, model: str, labels, min_score: float, threads: int, spacy_model: str):
    """The pandas_udf: a batch of texts in, their entities and groups out."""

    @F.pandas_udf(FOUND)
    def find(texts: pd.Series) -> pd.DataFrame:
        # This module as the workers import it (shipped with addPyFile), so that its
        # caches, and the model in them, live as long as the worker.
        import spark_archive as archive

        batch = [t if isinstance(t, str) else "" for t in texts]
        if engine == "spacy":
            found = [archive.spacy_entities(doc, labels) for doc in archive.spacy_pipeline(spacy_model).pipe(batch)]
        else:
            found = archive.ner_model(model).extract_batch(batch, threads=threads, labels=labels, min_score=min_score)
        return pd.DataFrame({"entities": [f["entities"] for f in found], "groups": [f["groups"] for f in found]})

    return find


def spacy_entities(doc, labels):
    """spaCy's entities in our fields (code-point offsets, no scores or groups)."""
    entities = [
        {"start": e.start_char, "end": e.end_char, "label": e.label_, "text": e.text, "score": None, "source": "spacy", "group": None}
        for e in doc.ents
        if labels is None or e.label_ in labels
    ]
    return {"entities": entities, "groups": []}


def run(spark, source, output, fmt="jsonl", id_column="id", text_column="text", engine="ner", model="news",
        labels=None, min_score=0.0, threads=1, spacy_model="en_core_web_sm"):
    """Reads the articles, extracts, writes OUTPUT/entities and OUTPUT/groups; returns the seconds it took."""
    started = time.perf_counter()
    reader = spark.read.json(source) if fmt == "jsonl" else spark.read.parquet(source)
    articles = reader.select(F.col(id_column).alias("id"), F.col(text_column).alias("text"))
    find = extractor(engine, model, labels, min_score, threads, spacy_model)
    found = articles.select("id", find("text").alias("found")).cache()
    entities = found.select("id", F.posexplode("found.entities").alias("mention", "e")).select("id", "mention", "e.*")
    groups = found.select("id", F.explode("found.groups").alias("g")).select("id", F.col("g.id").alias("group"), "g.name", "g.label", "g.count", "g.wikipedia")
    entities.write.mode("overwrite").parquet(f"{output}/entities")
    groups.write.mode("overwrite").parquet(f"{output}/groups")
    found.unpersist()
    return time.perf_counter() - started


def main():
    parser = argparse.ArgumentParser(description="Entities of a folder of articles, with Spark.")
    parser.add_argument("source", help="a folder (or file) of JSON Lines or Parquet articles")
    parser.add_argument("output", help="where to write entities/ and groups/ (Parquet)")
    parser.add_argument("--format", choices=["jsonl", "parquet"], default="jsonl")
    parser.add_argument("--id-column", default="id")
    parser.add_argument("--text-column", default="text")
    parser.add_argument("--engine", choices=["ner", "spacy"], default="ner")
    parser.add_argument("--model", default="news", help="news, conll, news-lg, or a model file's path")
    parser.add_argument("--labels", help="only these labels, comma-separated")
    parser.add_argument("--min-score", type=float, default=0.0)
    parser.add_argument("--threads", type=int, default=1, help="threads per Python worker (Spark runs one per core)")
    parser.add_argument("--spacy-model", default="en_core_web_sm")
    args = parser.parse_args()
    spark = SparkSession.builder.appName("ner-highlight archive").getOrCreate()
    # The workers import this file by name (see `extractor`).
    spark.sparkContext.addPyFile(__file__)
    labels = args.labels.split(",") if args.labels else None
    seconds = run(spark, args.source, args.output, args.format, args.id_column, args.text_column, args.engine,
                  args.model, labels, args.min_score, args.threads, args.spacy_model)
    print(f"entities and groups written to {args.output} in {seconds:.1f} s")
    spark.stop()


if __name__ == "__main__":
    main()
