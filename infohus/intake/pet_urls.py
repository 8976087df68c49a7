from django.urls import path

from infohus.intake import pet_views

app_name = "pet"
urlpatterns = [
    path("", pet_views.inbox_list, name="inbox"),
    path("ny/", pet_views.register_concern, name="register_concern"),
    path("<int:pk>/", pet_views.concern_detail, name="concern_detail"),
    path(
        "<int:pk>/send-til-politikreds/",
        pet_views.pass_concern_to_district,
        name="pass_concern_to_district",
    ),
]
