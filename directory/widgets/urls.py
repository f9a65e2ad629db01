"""Widget URLs, outside the language prefix (included at the site's root)."""

from django.urls import path

from . import views

app_name = "widgets"
urlpatterns = [
    path("widgets/embed.js", views.embed_script, name="embed_script"),
    path("widgets/<str:widget_id>/frame/", views.widget_frame, name="frame"),
    path("api/widgets/<str:widget_id>/", views.widget_api, name="api"),
    path("api/widgets/<str:widget_id>/click/", views.widget_click, name="click"),
]
