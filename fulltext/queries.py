"""Querysets narrowed to the ids a search found, for any app."""

from django.contrib.postgres.fields import ArrayField
from django.db import connection
from django.db.models import F, IntegerField, Value
from django.db.models.lookups import Lookup


def in_order(queryset, ids):
    """The queryset's objects with these primary keys, in the keys' order."""
    by_pk = having_ids(queryset, ids).in_bulk() if ids else {}
    return [by_pk[pk] for pk in ids if pk in by_pk]


def having_ids(queryset, ids):
    """The queryset narrowed to these primary keys. On PostgreSQL the keys travel as one
    array parameter (`= ANY(%s)`): an IN list of 2,000 placeholders costs the driver more
    to parse than the query costs to run."""
    if connection.vendor != "postgresql":
        return queryset.filter(pk__in=ids)
    keys = Value(list(ids), output_field=ArrayField(IntegerField()))
    return queryset.filter(EqualsAny(F("pk"), keys))


class EqualsAny(Lookup):
    lookup_name = "equals_any"

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} = ANY({rhs})", [*lhs_params, *rhs_params]
