"""Documents for Elasticsearch and OpenSearch, built as Wagtail builds them but faster.

Wagtail's mapping works out, for every object and each of its ~30 search fields, the key of
the field in the document, the Django field behind it and whether django-taggit is installed.
A rebuild writes 100,000 documents, so `QuickMapping` remembers these per model and field;
the documents are the same (search/tests/test_rebuild.py compares them)."""

import copy

from django.core.exceptions import FieldDoesNotExist
from django.db.models.fields.related import RelatedField
from modelsearch.index import BaseField
from taggit.managers import TaggableManager

_column_names = {}  # (model, search field) -> key in the document
_content_types = {}  # model -> content type names
_quick_fields = {}  # (model, search field) -> the search field, reading values quickly


class QuickMapping:
    """Mixed into the backend's mapping class."""

    def get_field_column_name(self, field):
        key = (self.model, field)
        if key not in _column_names:
            _column_names[key] = super().get_field_column_name(field)
        return _column_names[key]

    def get_all_content_types(self):
        if self.model not in _content_types:
            _content_types[self.model] = super().get_all_content_types()
        return list(_content_types[self.model])

    def _get_document_field_data(self, field, obj):
        return super()._get_document_field_data(quick_field(field, type(obj)), obj)


def quick_field(field, model):
    """The search field, or a copy of it whose get_value skips what Wagtail's repeats for every
    object (looking up the Django field, asking whether taggit is installed)."""
    key = (model, field)
    if key not in _quick_fields:
        _quick_fields[key] = _with_quick_value(field, model)
    return _quick_fields[key]


def _with_quick_value(field, model):
    if not isinstance(field, BaseField):
        return field  # RelatedFields: Wagtail's get_value is a plain getattr
    try:
        model_field = field.get_field(model)
    except FieldDoesNotExist:
        return field  # a method or property
    searchable = _searchable_content_of(model_field)
    if searchable is False:
        return field  # e.g. tags: Wagtail's own rules
    quick = copy.copy(field)
    if searchable is None:
        quick.get_value = model_field.value_from_object
    else:
        quick.get_value = lambda obj: searchable(model_field.value_from_object(obj))
    return quick


def _searchable_content_of(model_field):
    """What BaseField.get_value applies to the Django field's value: the field's (or, for a
    foreign key, its target's) get_searchable_content, None for nothing, False for a field
    this shortcut leaves to Wagtail (django-taggit's manager)."""
    if isinstance(model_field, TaggableManager):
        return False
    if hasattr(model_field, "get_searchable_content"):
        return model_field.get_searchable_content
    if isinstance(model_field, RelatedField):
        remote = model_field
        while isinstance(remote, RelatedField):
            remote = remote.target_field
        if hasattr(remote, "get_searchable_content"):
            return remote.get_searchable_content
    return None
