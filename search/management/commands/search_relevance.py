"""manage.py search_relevance: recall@10 and nDCG@10 of the judged queries, per backend."""

import json

from django.core.management.base import BaseCommand, CommandError

from fulltext.engine import SearchUnavailable
from search.relevance.evaluate import (
    JUDGED_QUERIES,
    JudgmentError,
    available_backends,
    describe_backend,
    evaluate,
    load_queries,
    summary,
)

TARGETS = {"elasticsearch": 0.85, "opensearch": 0.85, "database": 0.75}


def target_for(kind):
    return next((value for name, value in TARGETS.items() if kind.startswith(name)), None)


class Command(BaseCommand):
    help = ("Run the judged queries (search/relevance/judged_queries.json, made for the demo "
            "directory) through the site search on each configured backend and report "
            "recall@10 and nDCG@10 per backend, language and category, and the worst queries.")

    def add_arguments(self, parser):
        parser.add_argument("--backend", action="append", dest="backends", metavar="NAME",
                            help="a search engine or backend name (repeatable; default: all)")
        parser.add_argument("--queries", default=str(JUDGED_QUERIES),
                            help="judged query file (JSON)")
        parser.add_argument("--json", dest="json_file", metavar="FILE",
                            help="also write the results here")
        parser.add_argument("--worst", type=int, default=10,
                            help="how many of the worst queries to list")

    def handle(self, *args, backends, queries, json_file, worst, **options):
        configured = available_backends()
        backends = backends or configured
        unknown = [name for name in backends if name not in configured]
        if unknown:
            raise CommandError(f"unknown search backend {', '.join(unknown)}; configured: "
                               f"{', '.join(configured)}")
        try:
            judged = load_queries(queries)
        except JudgmentError as error:
            raise CommandError(str(error)) from error
        report = {}
        for name in backends:
            kind = describe_backend(name)
            try:
                scores = evaluate(name, judged)
            except (JudgmentError, SearchUnavailable) as error:
                raise CommandError(f"{name} ({kind}): {error}") from error
            report[name] = {"backend": kind, "target_ndcg@10": target_for(kind),
                            **summary(scores),
                            "per_query": [vars(score) for score in scores]}
            self._print(name, report[name], scores, worst)
        if json_file:
            with open(json_file, "w", encoding="utf-8") as handle:
                handle.write(dumps(report))
            self.stdout.write(f"written to {json_file}")

    def _print(self, name, result, scores, worst):
        write = self.stdout.write
        target = result["target_ndcg@10"]
        verdict = "" if target is None else (
            f"  (target {target}: {'met' if result['ndcg@10'] >= target else 'NOT met'})")
        write(f"\n{name} - {result['backend']}: {result['queries']} queries, "
              f"nDCG@10 {result['ndcg@10']:.3f}, recall@10 {result['recall@10']:.3f}{verdict}")
        for title, groups in (("language", result["by_language"]),
                              ("category", result["by_category"])):
            write(f"  by {title}:")
            for value, numbers in groups.items():
                write(f"    {value:<12} {numbers['queries']:>3} queries  "
                      f"nDCG@10 {numbers['ndcg@10']:.3f}  recall@10 {numbers['recall@10']:.3f}")
        write(f"  worst {worst}:")
        for score in sorted(scores, key=lambda s: (s.ndcg, s.recall))[:worst]:
            shown = "; ".join(score.top) or "(nothing)"
            write(f"    {score.ndcg:.2f} {score.recall:.2f} [{score.locale}] {score.query!r} "
                  f"({score.category}, {score.relevant} relevant) -> {shown}")


def dumps(report):
    return json.dumps(report, indent=2, ensure_ascii=False) + "\n"
