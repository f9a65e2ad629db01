import factory

from directory.widgets.models import Widget


class WidgetFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Widget {n}")
    language = "de"
    visible_filters = ["topic", "canton", "format"]
    allowed_origins = "https://www.lungenliga.ch"

    class Meta:
        model = Widget
        skip_postgeneration_save = True

    @factory.post_generation
    def topics(self, create, extracted, **kwargs):
        if create and extracted:
            self.topics.set(extracted)
            self.save()

    @factory.post_generation
    def cantons(self, create, extracted, **kwargs):
        if create and extracted:
            self.cantons.set(extracted)
            self.save()
