"""Full text search shared by every app: the configured engine per language (database,
Elasticsearch, OpenSearch) with typo correction, topic synonyms, the any-word fallback and the
database fallback when the engine is away. It knows no app: the apps hand it querysets, and
the directory registers the words it corrects against (fulltext.understanding)."""
