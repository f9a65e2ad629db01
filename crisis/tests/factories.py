import factory
from wagtail.models import Locale

from crisis.models import CrisisHelpline, CrisisTerm


class CrisisHelplineFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Helpline {n}")
    phone = factory.Sequence(lambda n: f"14{n % 10}")
    description = "anonym, rund um die Uhr"
    sort_order = factory.Sequence(int)
    locale = factory.LazyFunction(Locale.get_default)

    class Meta:
        model = CrisisHelpline


class CrisisTermFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Crisis words {n}")
    words = "Suizid*"
    locale = factory.LazyFunction(Locale.get_default)

    class Meta:
        model = CrisisTerm
